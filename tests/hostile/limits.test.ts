/**
 * Hostile inputs and environments, one fixture per kind of defect: every input is bounded and
 * every failure is one line (exit 1 or 2), never a stack trace, never a hang.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_CONTAINERS } from '../../src/coverage/coveragepy-json/json-limits.js';
import type { CoverageJson } from '../../src/coverage/index.js';
import { git, initRepo, commitAll, trackgen } from '../helpers/git-repo.js';
import { scratchDirs, scratchProjects, sharedScratchDir } from '../helpers/project-copy.js';
import { builtBin, cliRunners, runBuiltCli, runCli, type CliResult } from '../helpers/run-cli.js';

const dir = sharedScratchDir('trackgen-hostile-');
const project = scratchProjects('trackgen-hostile-project-');
const scratch = scratchDirs('trackgen-hostile-scratch-');

/** One line on stderr, no stack frame, nothing on stdout. */
function expectOneLine(result: CliResult, code: number, pattern: RegExp): void {
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr).not.toMatch(/internal error/);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(result.code).toBe(code);
}

const thousands = (count: number) => count.toLocaleString('en-US');
const line = (number: number, rest = 'hits="1"') => `<line number="${number}" ${rest}/>`;
const cobertura = (lines: string, filename = 'a.py') =>
  `<?xml version="1.0" ?>\n<coverage version="7.0">\n<sources><source>/src</source></sources>\n<packages><package name="."><classes>\n<class name="a.py" filename="${filename}"><methods/><lines>\n${lines}\n</lines></class>\n</classes></package></packages>\n</coverage>\n`;
const coveragePy = (file: Record<string, unknown>) =>
  JSON.stringify({ meta: { version: '7.4.0', branch_coverage: true }, files: { 'a.py': file } });
const MiB = 1 << 20;

const badReports: ReadonlyArray<readonly [string, () => string, RegExp]> = [
  [
    'more-taken-than-total.xml',
    () =>
      cobertura(
        [
          line(1, 'hits="1" branch="true" condition-coverage="166% (5/3)" missing-branches="2"'),
        ].join('\n'),
      ),
    /^more-taken-than-total\.xml:6:\d+: expected condition-coverage "\(taken\/total\)" with taken <= total/,
  ],
  [
    'huge-branch-count.xml',
    () =>
      cobertura(
        line(1, 'hits="1" branch="true" condition-coverage="50% (1/100000000000000000000)"'),
      ),
    /^huge-branch-count\.xml:6:\d+: expected condition-coverage .* found "50% \(1\/100000000000000000000\)"$/,
  ],
  [
    'missing-arcs-beside-full.xml',
    () =>
      cobertura(
        line(1, 'hits="1" branch="true" condition-coverage="100% (2/2)" missing-branches="3"'),
      ),
    /^missing-arcs-beside-full\.xml:6:1: expected at most 0 missing-branches .* \(2\/2\), found 1$/,
  ],
  [
    'negative-hits.xml',
    () => cobertura(line(1, 'hits="-5"')),
    /^negative-hits\.xml:6:\d+: expected a hit count of 0 or more in hits="…", found "-5"$/,
  ],
  [
    'long-attribute.xml',
    () => cobertura(line(1), `a${'x'.repeat(2 * MiB)}.py`),
    /^long-attribute\.xml:5:1: expected markup .* under 1 MiB, found a longer one$/,
  ],
  [
    'many-entities.xml',
    () => cobertura(line(1), `a${'&amp;'.repeat(300_000)}.py`),
    /^many-entities\.xml:5:1: expected markup .* under 1 MiB/,
  ],
  [
    'many-missing-branches.xml',
    () =>
      cobertura(
        line(
          1,
          `hits="1" branch="true" condition-coverage="0% (0/2)" missing-branches="${'2,'.repeat(MiB)}3"`,
        ),
      ),
    /^many-missing-branches\.xml:6:1: expected markup .* under 1 MiB/,
  ],
  [
    'long-text.xml',
    () => cobertura(line(1)).replace('<source>/src', `<source>/${'s'.repeat(2 * MiB)}`),
    /^long-text\.xml:3:\d+: expected text between tags under 1 MiB, found a longer run$/,
  ],
  [
    'leading-space.xml',
    () => `${' '.repeat(2 * MiB)}${cobertura(line(1))}`,
    /^leading-space\.xml: expected a report to start within its first 1 MiB, found only blank space there$/,
  ],
  [
    'deep.json',
    () => `{"meta": {}, "files": {"a.py": ${'['.repeat(50_000)}${']'.repeat(50_000)}}}`,
    /^deep\.json:1:\d+: expected "executed_lines" and "missing_lines" arrays .* found \[\[\[…\]\]\]$/,
  ],
  [
    'many-arrays.json',
    () =>
      coveragePy({ executed_lines: [1], missing_lines: [], missing_branches: [] }).replace(
        '"missing_branches":[]',
        `"missing_branches":[${'[1,2],'.repeat(MAX_JSON_CONTAINERS + 100_000)}[1,3]]`,
      ),
    new RegExp(
      `^many-arrays\\.json:1:\\d+: expected a coverage\\.py report of at most ${thousands(MAX_JSON_CONTAINERS)} arrays and objects, found more`,
    ),
  ],
  [
    'huge-summary.json',
    () => coveragePy({ executed_lines: [1], missing_lines: [], summary: { num_statements: 1e20 } }),
    /^huge-summary\.json:1:\d+: expected summary\.num_statements of "a\.py" to be a whole number from 0 to 9007199254740991, found 100000000000000000000$/,
  ],
  [
    'negative-summary.json',
    () => coveragePy({ executed_lines: [1], missing_lines: [], summary: { num_branches: -1 } }),
    /^negative-summary\.json:1:\d+: expected summary\.num_branches .* found -1$/,
  ],
  [
    'inexact-line.json',
    () => coveragePy({ executed_lines: [1, 2 ** 60], missing_lines: [] }),
    /^inexact-line\.json:1:\d+: expected "executed_lines" and "missing_lines" arrays of line numbers/,
  ],
];

describe('every report input is bounded: one positioned line, exit 1', () => {
  for (const [name, make] of badReports) writeFileSync(join(dir, name), make());
  describe.each(cliRunners)('%s', (_, runner) => {
    it.each(badReports)('%s', async (name, _make, message) => {
      const result = await runner(['coverage', name], dir);
      expectOneLine(result, 1, new RegExp(`^trackgen coverage: ${message.source.slice(1)}`));
      expect(result.stdout).toBe('');
    });
  });

  it('a line both executed and missing is missing, with a warning', async () => {
    writeFileSync(
      join(dir, 'both.json'),
      coveragePy({ executed_lines: [1, 2], missing_lines: [2] }),
    );
    const result = await runCli(['coverage', 'both.json', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /line 2 is in both "executed_lines" and "missing_lines"; it is counted as missing/,
    );
    expect((JSON.parse(result.stdout) as CoverageJson).totals).toMatchObject({
      statements: 2,
      missed: 1,
    });
  });
});

describe('special files are refused by kind before reading', () => {
  it.each([
    ['/dev/zero', /it is a character device, expected a regular file/],
    ['.', /it is a directory, expected a file/],
  ])('%s', async (path, message) => {
    const result = await runBuiltCli(['coverage', path], dir);
    expectOneLine(result, 1, message);
  });

  it('a FIFO (no writer: opening it must not block) and a pipe', async () => {
    const fifo = join(scratch(), 'report.xml');
    execFileSync('mkfifo', [fifo]);
    expectOneLine(
      await runBuiltCli(['coverage', fifo], dir),
      1,
      /it is a pipe \(FIFO\), expected a regular file/,
    );
    const piped = await shell(`echo '<coverage/>' | node ${builtBin} coverage /dev/stdin`, dir);
    expectOneLine(piped, 1, /\/dev\/stdin: cannot read the report: it is a pipe \(FIFO\)/);
  }, 20_000);

  it("a FIFO where a document goes is that document's problem; the rest are written", async () => {
    const cwd = project();
    const tracker = join(cwd, 'docs/PHASE_4_PROGRESS_TRACKER.md');
    mkdirSync(join(cwd, 'docs'), { recursive: true });
    rmSync(tracker, { force: true });
    execFileSync('mkfifo', [tracker]);
    rmSync(join(cwd, 'docs/LESSONS_LEARNED.md'), { force: true });
    const result = await runBuiltCli(['generate', '-q'], cwd, { TRACKGEN_NO_CACHE: '1' });
    expect(result.stderr).toMatch(
      /docs\/PHASE_4_PROGRESS_TRACKER\.md:1:1 {2}error {2}unreadable {2}expected a Markdown file \(or nothing\) at this path, found a pipe \(FIFO\)/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(1);
    expect(readFileSync(join(cwd, 'docs/LESSONS_LEARNED.md'), 'utf8')).toContain('trackgen:begin');
  }, 20_000);

  it('generate --report /dev/zero ends at once (the run cache never reads it)', async () => {
    const cwd = project();
    const result = await shell(
      `ulimit -v 2000000; node ${builtBin} generate --report /dev/zero`,
      cwd,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).toMatch(/\/dev\/zero: cannot read the report: it is a character device/);
    expect(result.code).toBe(1);
  }, 20_000);
});

describe('limits hold under ulimit -v (built bin)', () => {
  it('130,000 classes are read and printed as a table', async () => {
    const classes = Array.from(
      { length: 130_000 },
      (_, index) =>
        `<class name="c${index}.py" filename="d${index % 100}/c${index}.py"><lines>${line(1)}</lines></class>`,
    ).join('\n');
    writeFileSync(
      join(dir, 'many-classes.xml'),
      `<coverage><packages><package name="."><classes>${classes}</classes></package></packages></coverage>`,
    );
    // Well under 10 s on an idle machine; the slack is for a loaded one.
    const result = await shell(
      `ulimit -v 2000000; node ${builtBin} coverage many-classes.xml`,
      dir,
      50_000,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^TOTAL\s+130000\s+0\s+100\.00%$/);
  }, 60_000);

  it('more arcs than MAX_JSON_CONTAINERS in a JSON report are refused before they are built', async () => {
    const result = await shell(
      `ulimit -v 2000000; node ${builtBin} coverage many-arrays.json`,
      dir,
    );
    expectOneLine(
      result,
      1,
      new RegExp(`at most ${thousands(MAX_JSON_CONTAINERS)} arrays and objects`),
    );
  }, 30_000);
});

describe('records, flags and documents', () => {
  it('a record nested 3,000 levels deep is one positioned error', async () => {
    const cwd = project();
    writeFileSync(
      join(cwd, 'data', 'sessions', '056.json'),
      `{"number": 56, "x": ${'['.repeat(3000)}${']'.repeat(3000)}}`,
    );
    for (const command of ['validate', 'generate']) {
      const result = await runCli([command], cwd);
      expect(result.code).toBe(1);
      expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout + result.stderr).toMatch(
        /data\/sessions\/056\.json:1:\d+ {2}error {2}too-large {2}expected arrays and objects nested at most 64 deep/,
      );
    }
  });

  it('new-session --number past 2^53 writes nothing', async () => {
    const cwd = project();
    const before = readdirSync(join(cwd, 'data', 'sessions'));
    const result = await runCli(['new-session', '--number', '99999999999999999999'], cwd);
    expectOneLine(
      result,
      2,
      /--number expects a session number \(a whole number from 1 to 9007199254740991, or one with a letter like 61a\)/,
    );
    expect(readdirSync(join(cwd, 'data', 'sessions'))).toEqual(before);
  });

  it('a directory at a document path, once the run cache is warm', async () => {
    const cwd = project();
    initRepo(cwd);
    commitAll(cwd, 'start');
    expect((await runCli(['generate'], cwd)).code).toBe(0);
    rmSync(join(cwd, 'docs', 'LESSONS_LEARNED.md'));
    mkdirSync(join(cwd, 'docs', 'LESSONS_LEARNED.md'));
    const result = await runCli(['generate'], cwd);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout + result.stderr).toMatch(
      /docs\/LESSONS_LEARNED\.md:1:1 {2}error {2}unreadable {2}expected a Markdown file \(or nothing\) at this path, found a directory/,
    );
  });

  it('a file size limit (ulimit -f) is one line, exit 2', async () => {
    const cwd = project();
    const result = await shell(`ulimit -f 4; node ${builtBin} generate`, cwd);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).toMatch(
      /^trackgen generate: cannot write docs\/\S+\.md: the file size limit was reached \(ulimit -f\) \(EFBIG\)$/m,
    );
    expect(result.code).toBe(2);
  });
});

describe('the hook in hostile places', () => {
  it('install refuses a directory named pre-commit and a core.hooksPath that is a file', async () => {
    const cwd = project();
    initRepo(cwd);
    mkdirSync(join(cwd, '.git', 'hooks', 'pre-commit'), { recursive: true });
    expectOneLine(
      await runCli(['hook', 'install'], cwd),
      1,
      /\.git\/hooks\/pre-commit is a directory, expected a hook script file/,
    );
    rmSync(join(cwd, '.git', 'hooks', 'pre-commit'), { recursive: true });
    writeFileSync(join(cwd, 'hooks-file'), '');
    git(cwd, 'config', 'core.hooksPath', 'hooks-file');
    expectOneLine(
      await runCli(['hook', 'install'], cwd),
      1,
      /hooks-file is a file, expected the folder git runs hooks from/,
    );
  });

  it('run outside a repository says so, the same way every time', async () => {
    const cwd = project();
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => runBuiltCli(['hook', 'run'], cwd, { GIT_CEILING_DIRECTORIES: cwd })),
    );
    for (const result of results) expectOneLine(result, 2, /not inside a git working tree/);
  }, 30_000);

  it('run from a subfolder finds a project without a config', async () => {
    const cwd = project();
    rmSync(join(cwd, 'trackgen.config.json'));
    initRepo(cwd);
    commitAll(cwd, 'start');
    renameProject(cwd);
    git(cwd, 'add', 'data');
    const result = await trackgen(join(cwd, 'data', 'sessions'), 'hook', 'run');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/regenerated from the staged data/);
  }, 30_000);

  it('ignored docs: said before anything is written', async () => {
    const cwd = project();
    writeFileSync(join(cwd, '.gitignore'), 'docs/\n');
    initRepo(cwd);
    commitAll(cwd, 'start');
    renameProject(cwd);
    git(cwd, 'add', 'data');
    const result = await trackgen(cwd, 'hook', 'run');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /ignored by git \(\.gitignore\), so the hook cannot stage them; nothing written/,
    );
    expect(existsSync(join(cwd, 'docs'))).toBe(false);
  }, 30_000);
});

function renameProject(cwd: string): void {
  const path = join(cwd, 'data', 'project.json');
  writeFileSync(
    path,
    readFileSync(path, 'utf8').replace('"AI Language Tutor App"', '"Renamed App"'),
  );
}

function shell(command: string, cwd: string, timeout = 15_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      'sh',
      ['-c', command],
      { cwd, timeout, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 2;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
