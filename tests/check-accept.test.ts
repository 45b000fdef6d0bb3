import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchProjects } from './helpers/project-copy.js';
import { sharedReferenceDir, warnWithoutReference } from './helpers/shared-reference.js';
import { runCli } from './helpers/run-cli.js';

const project = scratchProjects();

const TRACKER = 'docs/PHASE_4_PROGRESS_TRACKER.md';

async function generatedProject() {
  const dir = project();
  expect((await runCli(['generate', '-q'], dir)).code).toBe(0);
  return dir;
}

function edit(dir: string, path: string, change: (text: string) => string) {
  const file = join(dir, path);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

describe('trackgen check, generate and accept around hand edits', () => {
  it('reports a current project as up to date (exit 0) and writes nothing', async () => {
    const dir = await generatedProject();
    const before = readFileSync(join(dir, TRACKER), 'utf8');
    const result = await runCli(['check'], dir);
    // Outside git, the only word is that commit hashes cannot be looked up.
    expect(result).toMatchObject({ code: 0, stdout: '4 documents up to date\n' });
    expect(result.stderr).toMatch(
      /^data\/sessions\/054\.json:\d+:\d+ {2}warning {2}git-history .*\n0 errors, 1 warning in 1 file\n$/,
    );
    expect(readFileSync(join(dir, TRACKER), 'utf8')).toBe(before);
  });

  it('keeps a hand-written section byte for byte while data changes flow into generated sections', async () => {
    const dir = await generatedProject();
    const own = '\r\n## Team Notes\r\n\r\n* reviewed every *Monday*  \r\nby the whole team\t\r\n';
    appendFileSync(join(dir, TRACKER), own);
    edit(dir, 'data/sessions/054.json', (text) =>
      text.replace('"total": 2413, "passing": 2413', '"total": 2420, "passing": 2420'),
    );

    const check = await runCli(['check'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('+- **Total Tests**: 2,420 (all passing)');
    expect(check.stdout).toMatch(
      /@@ \(section cumulative-statistics: phase 4, from data\/project\.json, data\/sessions\/054\.json, .*data\/coverage\.xml\)/,
    );
    expect((await runCli(['check', '--quiet'], dir)).stdout).toBe(
      `${TRACKER}\ndocs/sessions/SESSION_54_SUMMARY.md\n2 documents out of date: run trackgen generate\n`,
    );

    const generate = await runCli(['generate'], dir);
    expect(generate.code).toBe(0);
    const tracker = readFileSync(join(dir, TRACKER), 'utf8');
    expect(tracker).toContain('- **Total Tests**: 2,420 (all passing)');
    expect(tracker.includes(own)).toBe(true);
    expect((await runCli(['check'], dir)).code).toBe(0);
  });

  it('keeps an edit inside a generated section, reports a conflict when its data changes, and accept resolves it', async () => {
    const dir = await generatedProject();
    const note = 'Session 54 ran over two evenings.\n\n';
    edit(dir, TRACKER, (text) =>
      text.replace('### Session 54: 2025-11-24', `${note}### Session 54: 2025-11-24`),
    );

    const handEdit = await runCli(['check'], dir);
    expect(handEdit.code).toBe(0);
    expect(handEdit.stderr).toMatch(
      /docs\/PHASE_4_PROGRESS_TRACKER\.md:\d+:1 {2}warning {2}hand-edit/,
    );

    edit(dir, 'data/sessions/054.json', (text) =>
      text.replace('"total": 2413, "passing": 2413', '"total": 2420, "passing": 2420'),
    );
    const conflict = await runCli(['check'], dir);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(
      /docs\/PHASE_4_PROGRESS_TRACKER\.md:\d+:1 {2}error {2}conflict/,
    );
    expect(conflict.stdout).toMatch(
      /conflict in docs\/PHASE_4_PROGRESS_TRACKER\.md:\d+ \(section session-log: phase 4, from data\/project\.json, data\/sessions\/054\.json/,
    );
    expect(conflict.stdout).toContain(
      '-- ✅ All 2,413 tests passing\n+- ✅ All 2,420 tests passing',
    );
    expect(conflict.stdout).toContain(
      'trackgen accept docs/PHASE_4_PROGRESS_TRACKER.md:session-log',
    );

    const generate = await runCli(['generate'], dir);
    expect(generate.code).toBe(1);
    expect(readFileSync(join(dir, TRACKER), 'utf8')).toContain(note);

    const accept = await runCli(['accept', 'session-log'], dir);
    expect(accept).toMatchObject({
      code: 0,
      stdout: `accepted  ${TRACKER}: session-log\n1 section accepted\n`,
    });
    expect((await runCli(['check'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, TRACKER), 'utf8')).toContain(note);
  });

  it('takes the new rendering with --force and names an unknown section in accept', async () => {
    const dir = await generatedProject();
    edit(dir, TRACKER, (text) =>
      text.replace('### Session 54: 2025-11-24', 'A hand note.\n\n### Session 54: 2025-11-24'),
    );
    expect((await runCli(['generate', '--force', 'session-log', '-q'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, TRACKER), 'utf8')).not.toContain('A hand note.');
    const unknown = await runCli(['accept', 'no-such-section'], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'expected a section id of a generated document, found "no-such-section"',
    );
  });

  it('exits 1 on invalid input, as check documents', async () => {
    const dir = await generatedProject();
    edit(dir, 'data/sessions/054.json', (text) => text.replace('"phase": 4', '"phase": "four"'));
    const result = await runCli(['check'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /data\/sessions\/054\.json:\d+:\d+ {2}error {2}type {2}phase: expected a whole number, got the string "four"/,
    );
  });
});

describe.skipIf(sharedReferenceDir === undefined)('adopting a tracker written by hand', () => {
  warnWithoutReference('check-accept.test.ts (adoption)');
  it('refuses to touch it without --adopt, then marks its sections and keeps every byte', async () => {
    const copy = { dir: project() };
    const reference = readFileSync(
      join(sharedReferenceDir ?? '', 'PHASE_4_PROGRESS_TRACKER.md'),
      'utf8',
    );
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(copy.dir, 'docs'));
    writeFileSync(join(copy.dir, TRACKER), reference);

    const refused = await runCli(['generate'], copy.dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${TRACKER}:1:1  error  unmarked-file`);
    expect(readFileSync(join(copy.dir, TRACKER), 'utf8')).toBe(reference);

    const adopted = await runCli(['generate', '--adopt'], copy.dir);
    expect(adopted.code).toBe(0);
    const text = readFileSync(join(copy.dir, TRACKER), 'utf8');
    const withoutMarkers = text
      .split('\n')
      .filter((line) => !line.startsWith('<!-- trackgen:'))
      .join('\n');
    expect(withoutMarkers.startsWith(reference.trimEnd())).toBe(true);
    expect(text.match(/<!-- trackgen:begin /g)).toHaveLength(14);
    // The reference's hand-typed "~68 (estimated)" is now a hand edit of a generated section.
    expect(adopted.stderr).toMatch(
      /docs\/PHASE_4_PROGRESS_TRACKER\.md:\d+:1 {2}warning {2}hand-edit {2}Section `module-progress`/,
    );

    expect((await runCli(['generate', '--force', 'all', '-q'], copy.dir)).code).toBe(0);
    const forced = readFileSync(join(copy.dir, TRACKER), 'utf8');
    expect(forced).toContain('- **Total Branches**: 68\n');
    expect(forced).not.toContain('~68 (estimated)');
    expect((await runCli(['check'], copy.dir)).code).toBe(0);
  });
});
