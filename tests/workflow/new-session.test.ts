import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchProjects } from '../helpers/project-copy.js';
import { runBuiltCli, runCli } from '../helpers/run-cli.js';

const project = scratchProjects();

const record = (dir: string, number: string) =>
  JSON.parse(readFileSync(join(dir, `data/sessions/${number}.json`), 'utf8')) as Record<
    string,
    unknown
  >;

describe('trackgen new-session', () => {
  it('starts the planned session in its own record: in progress, dated, start figures from the report', async () => {
    const dir = project();
    const before = readFileSync(join(dir, 'data/sessions/055.json'), 'utf8');
    const result = await runCli(['new-session', '--date', '2025-11-25'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'started data/sessions/055.json: session 55, budget_manager, in progress since 2025-11-25: project 69.22% at the start',
    );
    const after = readFileSync(join(dir, 'data/sessions/055.json'), 'utf8');
    const started = record(dir, '055');
    expect(started['status']).toBe('in-progress');
    expect(started['date']).toBe('2025-11-25');
    expect(started['projectCoverage']).toEqual({ start: 69.22 });
    expect(JSON.stringify(started['modules'])).toContain(
      '"outcome":"in-progress","start":{"percent":25.27',
    );
    // Only those values were added or changed: the plan's text is still there byte for byte.
    const plan = before.slice(before.indexOf('"plan"'), before.indexOf('"celebrations"'));
    expect(after).toContain(plan);
    expect(existsSync(join(dir, 'data/sessions/056.json'))).toBe(false);
    // Started once: a second call makes the session after it.
    const again = await runCli(['new-session', '--date', '2025-11-26'], dir);
    expect(again.stdout).toContain('created data/sessions/056.json');
  });

  it("numbers the session after the last started one and pre-fills it from the phase's next module", async () => {
    const dir = project();
    rmSync(join(dir, 'data/sessions/055.json'));
    const result = await runCli(['new-session', '--date', '2025-11-25'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'created data/sessions/055.json: session 55, phase 4, budget_manager, in progress\nnext: trackgen record-coverage --session 55 --stage start\n',
    );
    expect(readFileSync(join(dir, 'data/sessions/055.json'), 'utf8')).toBe(`{
  "$schema": "../../../schemas/session.schema.json",
  "number": 55,
  "date": "2025-11-25",
  "phase": 4,
  "status": "in-progress",
  "modules": [
    {
      "module": "budget_manager",
      "outcome": "in-progress"
    }
  ],
  "projectCoverage": { "start": 69.22 }
}
`);
    expect((await runCli(['validate'], dir)).code).toBe(0);
  });

  it('continues the modules the previous session left in progress, their final figures as the new start', async () => {
    const dir = project();
    const previous = record(dir, '055');
    writeFileSync(
      join(dir, 'data/sessions/055.json'),
      JSON.stringify({
        ...previous,
        status: 'in-progress',
        date: '2025-11-25',
        modules: [
          {
            module: 'budget_manager',
            outcome: 'in-progress',
            final: { percent: 61.5, statements: 213, missed: 80 },
          },
        ],
        projectCoverage: { start: 69.22, final: 69.9 },
      }),
    );
    const result = await runCli(['new-session', '--date', '2025-11-26'], dir);
    expect(result.code).toBe(0);
    const created = record(dir, '056');
    expect(created['modules']).toEqual([
      {
        module: 'budget_manager',
        outcome: 'in-progress',
        start: { percent: 61.5, statements: 213, missed: 80 },
      },
    ]);
    expect(created['projectCoverage']).toEqual({ start: 69.9 });
    expect(readFileSync(join(dir, 'data/sessions/056.json'), 'utf8')).toContain(
      '"start": { "percent": 61.5, "statements": 213, "missed": 80 }',
    );
  });

  it('takes --number and --module (id, path or file name), and refuses to overwrite any record', async () => {
    const dir = project();
    const byPath = await runCli(
      ['new-session', '--number', '60', '--module', 'app/services/sync.py', '--date', '2025-12-01'],
      dir,
    );
    expect(byPath.code).toBe(0);
    expect(record(dir, '060')['modules']).toEqual([{ module: 'sync', outcome: 'in-progress' }]);
    const again = await runCli(
      ['new-session', '--number', '60', '--module', 'admin_auth.py', '--date', '2025-12-02'],
      dir,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^data\/sessions\/060\.json:\d+:\d+ {2}error {2}record-exists {2}session 60 already has a record: it is in-progress; nothing written/,
    );
    expect(record(dir, '060')['date']).toBe('2025-12-01');
  });

  it('rejects an unknown module with a hint, a bad number and an impossible date (exit 2, one line)', async () => {
    const dir = project();
    for (const [argv, message] of [
      [
        ['--module', 'budgt_manager'],
        'no such module in project.json; did you mean "budget_manager"?',
      ],
      [
        ['--number', '0'],
        '--number expects a session number (a whole number from 1 to 9007199254740991, or one with a letter like 61a), found "0"',
      ],
      [['--date', '2025-02-30'], '--date expects a real date as YYYY-MM-DD, found "2025-02-30"'],
    ] as const) {
      const result = await runCli(['new-session', ...argv], dir);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(message);
    }
  });

  it('writes nothing while the data is invalid', async () => {
    const dir = project();
    writeFileSync(join(dir, 'data/sessions/055.json'), '{ "number": 55, }');
    const result = await runCli(['new-session', '--number', '56', '--date', '2025-11-26'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('data/sessions/055.json:1:17  error  syntax');
    expect(existsSync(join(dir, 'data/sessions/056.json'))).toBe(false);
  });

  it('starts at session 1 in a new project, and at the first planned record when none was started', async () => {
    const dir = project();
    rmSync(join(dir, 'data/sessions'), { recursive: true });
    const first = await runCli(['new-session', '--date', '2025-11-25'], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      'created data/sessions/001.json: session 1, phase 4, ai_model_manager, in progress',
    );

    const planned = project();
    rmSync(join(planned, 'data/sessions/054.json'));
    const started = await runCli(['new-session', '--date', '2025-11-25'], planned);
    expect(started.code).toBe(0);
    expect(started.stdout).toContain('started data/sessions/055.json: session 55');
  });

  it("uses today's date by default, through the built CLI", async () => {
    const dir = project();
    const result = await runBuiltCli(['new-session', '--number', '56'], dir);
    expect(result.code).toBe(0);
    expect(record(dir, '056')['date']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(result.stdout).toContain('created data/sessions/056.json');
  });
});
