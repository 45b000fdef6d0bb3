import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTestResults } from '../../src/test-results/index.js';
import { scratchProjects } from '../helpers/project-copy.js';
import { cliRunners, repoRoot, runCli } from '../helpers/run-cli.js';

const project = scratchProjects('trackgen-record-tests-');
const runDir = join(repoRoot, 'tests/fixtures/test-results/pytest-run');
const junit = join(runDir, 'junit.xml');
const output = join(runDir, 'pytest-output.txt');
const SESSION_55 = 'data/sessions/055.json';
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
const testsOf = (dir: string, path: string) =>
  (JSON.parse(read(dir, path)) as { tests?: Record<string, number> }).tests;

describe.each(cliRunners)('trackgen record-tests (%s)', (_, runner) => {
  it("derives the default project's test figures: its record is already what they say", async () => {
    const dir = project();
    const before = read(dir, 'data/sessions/054.json');
    const result = await runner(['record-tests', '--session', '54'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'unchanged tests of session 54 in data/sessions/054.json: total 2413, passing 2413, failed 0, errors 0, skipped 0, xfailed 0, xpassed 0, warnings 0\n',
    );
    expect(read(dir, 'data/sessions/054.json')).toBe(before);
  });

  it("records a real run's JUnit XML and terminal output, every outcome as pytest counts it", async () => {
    const dir = project();
    const result = await runner(['record-tests', '--session', '55', junit, output], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(testsOf(dir, SESSION_55)).toEqual({
      total: 15,
      passing: 5,
      failed: 4,
      errors: 3,
      skipped: 3,
      xfailed: 1,
      xpassed: 1,
      warnings: 2,
    });
    expect((await runner(['validate'], dir)).code).toBe(0);
  });

  it('refuses a JUnit file and a summary line of different runs, and writes nothing', async () => {
    const dir = project();
    const before = read(dir, SESSION_55);
    const result = await runner(
      ['record-tests', '--session', '55', junit, '--summary-line', '15 passed in 1.00s'],
      dir,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'expected the JUnit XML and the summary line to come from the same run, found failed: the JUnit XML has 4, the summary line 0',
    );
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      'nothing recorded: fix the problems above first',
    );
    expect(read(dir, SESSION_55)).toBe(before);
  });

  it('reports every unreadable input, one line each, and writes nothing', async () => {
    const dir = project();
    writeFileSync(join(dir, 'notes.txt'), 'no summary here\n');
    writeFileSync(join(dir, 'broken.xml'), '<testsuites>\n<testsuite>\n</testsuites>\n');
    const before = read(dir, SESSION_55);
    const result = await runner(
      ['record-tests', '--session', '55', 'missing.xml', 'notes.txt', 'broken.xml'],
      dir,
    );
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      "trackgen record-tests: missing.xml: expected pytest's JUnit XML or terminal output here, found no such file",
    );
    expect(lines[1]).toMatch(
      /^trackgen record-tests: notes\.txt: expected JUnit XML .* found neither$/,
    );
    expect(lines[2]).toMatch(
      /^trackgen record-tests: broken\.xml:3:\d+: expected JUnit XML, found XML that is not well-formed/,
    );
    expect(read(dir, SESSION_55)).toBe(before);
  });

  it('is a usage error (exit 2) without results to read', async () => {
    const dir = project();
    writeFileSync(join(dir, 'trackgen.config.json'), '{ "data": "data" }\n');
    const result = await runner(['record-tests', '--session', '55'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'trackgen record-tests: expected a FILE (JUnit XML or pytest output), --summary-line, or "testResults" in trackgen.config.json, found none\n',
    );
  });
});

describe('trackgen record-tests', () => {
  it('replaces the figures of a run as a set: keeps created, removes what JUnit XML cannot know, and says so', async () => {
    const dir = project();
    const result = await runCli(['record-tests', '--session', '54', junit], dir);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[1]).toBe(
      "  removed xpassed 0, warnings 0 of an earlier run: JUnit XML counts no warnings nor xpasses (give pytest's output or --summary-line too)",
    );
    expect(testsOf(dir, 'data/sessions/054.json')).toEqual({
      created: 102,
      total: 15,
      passing: 6,
      failed: 4,
      errors: 3,
      skipped: 3,
      xfailed: 1,
    });
  });

  it('takes the summary line itself: "2730 passed, 1 skipped, 78 errors, 2 warnings"', async () => {
    const dir = project();
    const result = await runCli(
      [
        'record-tests',
        '--session',
        '55',
        '--summary-line',
        '2730 passed, 1 skipped, 78 errors, 2 warnings in 50.21s',
      ],
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  not recorded: the summary line has no total');
    expect(testsOf(dir, SESSION_55)).toEqual({
      passing: 2730,
      failed: 0,
      errors: 78,
      skipped: 1,
      xfailed: 0,
      xpassed: 0,
      warnings: 2,
    });
    const generated = await runCli(['generate'], dir);
    expect(generated.stderr).not.toMatch(/ {2}error {2}/);
  });
});

describe('writeTestResults', () => {
  it("keeps every other byte and follows the file's style (CRLF, tabs, one-line objects)", () => {
    const text =
      '{\r\n\t"number": 55,\r\n\t"tests": {"created":3,\r\n\t\t"warnings":1},\r\n\t"notes": "x"\r\n}\r\n';
    expect(writeTestResults(text, { total: 9, passed: 8, warnings: 0 }).text).toBe(
      '{\r\n\t"number": 55,\r\n\t"tests": {"created":3,\r\n\t\t"total":9,\r\n\t\t"passing":8,\r\n\t\t"warnings":0},\r\n\t"notes": "x"\r\n}\r\n',
    );
  });

  it('adds a one-line "tests" object after the project coverage when there is none', () => {
    const text = '{\n  "number": 5,\n  "projectCoverage": { "final": 1 },\n  "notes": "x"\n}\n';
    expect(writeTestResults(text, { total: 2, passed: 2 }).text).toBe(
      '{\n  "number": 5,\n  "projectCoverage": { "final": 1 },\n  "tests": { "total": 2, "passing": 2 },\n  "notes": "x"\n}\n',
    );
  });
});
