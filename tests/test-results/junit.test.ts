import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJunit } from '../../src/test-results/junit.js';
import { parseSummaryLine } from '../../src/test-results/summary-line.js';
import { combineResults } from '../../src/test-results/combine.js';
import { repoRoot } from '../helpers/run-cli.js';

const runDir = join(repoRoot, 'tests/fixtures/test-results/pytest-run');
const junitText = readFileSync(join(runDir, 'junit.xml'), 'utf8');
const outputLines = readFileSync(join(runDir, 'pytest-output.txt'), 'utf8').trimEnd().split('\n');
const summary = outputLines.at(-1) ?? '';

describe('JUnit XML from a real pytest run', () => {
  it("counts each outcome as pytest's summary line does (an xpass reads as a pass)", async () => {
    const read = await readJunit(junitText, 'junit.xml');
    const line = parseSummaryLine(summary);
    if (!read.ok || !line.ok) throw new Error('expected both to parse');
    expect(read.results.failed).toBe(line.results.failed);
    expect(read.results.errors).toBe(line.results.errors);
    expect(read.results.skipped).toBe(line.results.skipped);
    expect(read.results.xfailed).toBe(line.results.xfailed);
    expect(read.results.passed).toBe((line.results.passed ?? 0) + (line.results.xpassed ?? 0));
  });

  it('counts every test once in the total, a test that failed and errored in teardown too', async () => {
    const read = await readJunit(junitText, 'junit.xml');
    const collected = /collected (\d+) items/.exec(outputLines.join('\n'))?.[1];
    expect(read.ok && read.results.total).toBe(Number(collected));
  });

  it('names the place of XML that is not well-formed', async () => {
    const read = await readJunit('<testsuites>\n  <testsuite>\n</testsuites>', 'junit.xml');
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problem.line).toBe(3);
      expect(read.problem.message).toMatch(
        /^expected JUnit XML, found XML that is not well-formed/,
      );
    }
  });

  it('says what it found when the root is not a test suite', async () => {
    const read = await readJunit('<coverage line-rate="1"/>', 'coverage.xml');
    expect(read.ok || read.problem.message).toBe(
      'expected <testsuites> or <testsuite> as the root element (pytest --junitxml), found <coverage>',
    );
  });

  it('reads a <testsuite> root (pytest before 5.1) and empty test cases', async () => {
    const read = await readJunit(
      '<testsuite tests="2"><testcase classname="a" name="t1"/><testcase classname="a" name="t2"><skipped type="pytest.xfail" message="x"/></testcase></testsuite>',
      'old.xml',
    );
    expect(read.ok && read.results).toEqual({
      total: 2,
      passed: 1,
      failed: 0,
      errors: 0,
      skipped: 0,
      xfailed: 1,
    });
  });
});

describe("pytest's summary line", () => {
  it('reads the counts and the warnings; an outcome not named is zero', () => {
    expect(parseSummaryLine('2730 passed, 1 skipped, 78 errors, 2 warnings in 50.21s')).toEqual({
      ok: true,
      results: {
        passed: 2730,
        failed: 0,
        errors: 78,
        skipped: 1,
        xfailed: 0,
        xpassed: 0,
        warnings: 2,
      },
    });
  });

  it('takes the decorated line, singular words, and a duration in minutes', () => {
    const parsed = parseSummaryLine(
      '\x1b[32m===== 1 failed, 1 warning, 1 error, 3 deselected in 75.20s (0:01:15) =====\x1b[0m',
    );
    expect(parsed.ok && parsed.results).toMatchObject({ failed: 1, warnings: 1, errors: 1 });
  });

  it('points at a word it does not know', () => {
    expect(parseSummaryLine('3 passed, 2 flaked in 1.00s')).toEqual({
      ok: false,
      column: 11,
      message:
        'expected a count and one of pytest\'s words (passed, failed, error, errors, skipped, xfailed, xpassed, warning, warnings, deselected, rerun, reruns), found "2 flaked"',
    });
  });
});

describe('JUnit XML and a summary line together', () => {
  it('takes the total from JUnit and the rest from the line', () => {
    const combined = combineResults(
      { total: 10, passed: 8, failed: 1, errors: 0, skipped: 1, xfailed: 0 },
      { passed: 7, xpassed: 1, failed: 1, errors: 0, skipped: 1, xfailed: 0, warnings: 3 },
    );
    expect(combined).toEqual({
      ok: true,
      results: {
        total: 10,
        passed: 7,
        xpassed: 1,
        failed: 1,
        errors: 0,
        skipped: 1,
        xfailed: 0,
        warnings: 3,
      },
    });
  });

  it('refuses two different runs', () => {
    const combined = combineResults(
      { total: 10, passed: 8, failed: 1, errors: 0, skipped: 1, xfailed: 0 },
      { passed: 8, xpassed: 0, failed: 2, errors: 0, skipped: 1, xfailed: 0, warnings: 0 },
    );
    expect(combined).toEqual({
      ok: false,
      mismatches: ['failed: the JUnit XML has 1, the summary line 2'],
    });
  });
});
