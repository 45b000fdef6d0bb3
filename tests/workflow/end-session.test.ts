import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchProjects } from '../helpers/project-copy.js';
import { cliRunners } from '../helpers/run-cli.js';

const project = scratchProjects();
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
const S54 = 'data/sessions/054.json';
const S55 = 'data/sessions/055.json';

/** The example's report as if pytest --cov had run again on `date`. */
function retakeReport(dir: string, date: string): void {
  const path = join(dir, 'data/coverage.xml');
  const taken = String(Date.parse(`${date}T12:00:00Z`));
  writeFileSync(
    path,
    read(dir, 'data/coverage.xml').replace(/timestamp="\d+"/, `timestamp="${taken}"`),
  );
}

describe.each(cliRunners)('the daily flow (%s)', (_name, runCli) => {
  it('new-session starts the planned session, end-session completes it and keeps the formatting', async () => {
    const dir = project();
    retakeReport(dir, '2025-11-25');
    expect((await runCli(['new-session', '--date', '2025-11-25'], dir)).code).toBe(0);
    const started = read(dir, S55);
    retakeReport(dir, '2025-11-26');
    const ended = await runCli(['end-session'], dir);
    expect(ended.stderr).toBe('');
    expect(ended.code).toBe(0);
    expect(ended.stdout).toContain(
      'ended session 55 (2025-11-25) in data/sessions/055.json: project 69.22%, budget_manager 25.27%',
    );
    const text = read(dir, S55);
    const record = JSON.parse(text) as Record<string, unknown> & {
      captured: { final: unknown };
    };
    expect(record['status']).toBe('complete');
    expect(record['projectCoverage']).toEqual({ start: 69.22, final: 69.22 });
    expect(record['captured'].final).toMatchObject({
      reportTime: '2025-11-26T12:00:00.000Z',
      project: { percent: 69.22, statements: 13471, missed: 4190 },
      true100: 28,
      true100InReport: 28,
    });
    expect(record['standing']).toEqual({ phaseModules: 4, phaseModulesComplete: 1, true100: 28 });
    // Everything the person wrote is still there: the plan's lines are unchanged.
    const plan = started.slice(started.indexOf('"plan"'), started.indexOf('"celebrations"'));
    expect(text).toContain(plan);

    // Then the documents: the new summary shows the standing end-session recorded.
    const generated = await runCli(['generate'], dir);
    expect(generated.code).toBe(0);
    expect(read(dir, 'docs/sessions/SESSION_55_SUMMARY.md')).toContain(
      '- **Modules Complete**: 1/4 (25%)',
    );

    // Ending it again is refused in one line, and nothing is written.
    const again = await runCli(['end-session', '--session', '55'], dir);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(
      /^data\/sessions\/055\.json:\d+:\d+ {2}error {2}complete-session {2}session 55 is complete/,
    );
    expect(read(dir, S55)).toBe(text);
  });

  it('end-session refuses a planned session, a missing report and a report older than the session', async () => {
    const dir = project();
    const before = read(dir, S55);
    const planned = await runCli(['end-session', '--session', '55'], dir);
    expect(planned.code).toBe(1);
    expect(planned.stderr).toMatch(
      /^data\/sessions\/055\.json:5:13 {2}error {2}complete-session {2}session 55 is planned, expected a session in progress/,
    );
    expect(planned.stderr.trim().split('\n')).toHaveLength(1);

    expect((await runCli(['new-session', '--date', '2025-11-25'], dir)).code).toBe(0);
    const started = read(dir, S55);
    const old = await runCli(['end-session'], dir);
    expect(old.code).toBe(1);
    expect(old.stderr).toContain(
      'data/coverage.xml was taken on 2025-11-24, before session 55 (2025-11-25)',
    );
    const none = await runCli(['end-session', 'data/none.xml'], dir);
    expect(none.code).toBe(1);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(read(dir, S55)).toBe(started);
    expect(started).not.toBe(before);
  });

  it("record-coverage keeps a complete session's figures from a later report unless forced", async () => {
    const dir = project();
    retakeReport(dir, '2025-12-01');
    const before = read(dir, S54);
    const refused = await runCli(['record-coverage', '--session', '54'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'session 54 is complete (2025-11-24) and data/coverage.xml was taken on 2025-12-01',
    );
    expect(read(dir, S54)).toBe(before);
    const forced = await runCli(['record-coverage', '--session', '54', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/warning {2}complete-session .*replaced \(--force\)/);
    expect(read(dir, S54)).not.toBe(before);
  });

  it('migrate writes the standing of complete records by offset edits; validate says when it is needed', async () => {
    const dir = project();
    // As typed by hand: the example's record without the standing migrate gave it.
    writeFileSync(join(dir, S54), read(dir, S54).replace(/,\n {2}"standing": \{[^}]*\}/, ''));
    const validate = await runCli(['validate'], dir);
    expect(validate.code).toBe(0);
    expect(validate.stderr).toMatch(
      /warning {2}needs-migrate {2}1 complete session \(54\) has no "standing"/,
    );
    const before = read(dir, S54);
    const migrated = await runCli(['migrate'], dir);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toBe(
      'migrated data/sessions/054.json: standing (phase 1/4, 28 at TRUE 100%)\n',
    );
    const after = read(dir, S54);
    expect(after.slice(0, before.lastIndexOf('\n}'))).toBe(
      before.slice(0, before.lastIndexOf('\n}')),
    );
    expect(after).toContain(
      '"standing": { "phaseModules": 4, "phaseModulesComplete": 1, "true100": 28 }',
    );
    expect((await runCli(['validate'], dir)).stderr).not.toContain('needs-migrate');
    expect((await runCli(['migrate', '--check'], dir)).code).toBe(0);
  });
});
