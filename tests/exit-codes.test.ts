/**
 * One meaning per exit code, in every command: 0 ok; 1 problems found in the user's inputs or
 * documents (invalid data, a missing or unreadable report, stale documents, conflicts, a
 * coverage regression); 2 usage errors and failures of the tool itself.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLoaders } from '../src/cli/commands/index.js';
import { copyRepo, createTemplateRepo, gitOk, type ScratchRepo } from './helpers/git-repo.js';
import { scratchProjects } from './helpers/project-copy.js';
import { runCli } from './helpers/run-cli.js';

const project = scratchProjects('trackgen-exit-');
const RECORD = 'data/sessions/054.json';

function edit(dir: string, path: string, change: (text: string) => string): void {
  writeFileSync(join(dir, path), change(readFileSync(join(dir, path), 'utf8')));
}

/** A session record with a string where a number belongs. */
function invalidData(dir: string): string {
  edit(dir, RECORD, (text) => text.replace('"phase": 4', '"phase": "four"'));
  return dir;
}

/** project.json names data/coverage.xml; there is none. */
function missingReport(dir: string): string {
  rmSync(join(dir, 'data/coverage.xml'));
  return dir;
}

const pipelineCommands = [
  ['validate'],
  ['generate'],
  ['generate', '--check'],
  ['generate', '--dry-run'],
  ['generate', '--print-context'],
  ['check'],
  ['accept'],
  ['record-coverage', '--session', '55'],
  ['new-session', '--number', '60', '--date', '2025-12-01'],
];

describe('invalid data: exit 1 from every command that reads the data', () => {
  it.each(pipelineCommands)('%s %s %s', async (...argv) => {
    const result = await runCli(argv, invalidData(project()));
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('054.json');
  });

  it('an invalid config too', async () => {
    for (const argv of pipelineCommands) {
      const dir = project();
      writeFileSync(join(dir, 'trackgen.config.json'), '{ "data": 3 }\n');
      expect((await runCli(argv, dir)).code, argv.join(' ')).toBe(1);
    }
  });
});

describe('a missing report named in project.json: exit 1 from every command that reads it', () => {
  it.each([
    ['generate'],
    ['generate', '--check'],
    ['check'],
    ['accept'],
    ['record-coverage', '--session', '55'],
  ])('%s %s', async (...argv) => {
    const result = await runCli(argv, missingReport(project()));
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain('coverage.xml');
  });

  it('named on the command line or in the config too', async () => {
    const dir = project();
    expect((await runCli(['coverage', 'nope.xml'], dir)).code).toBe(1);
    expect((await runCli(['coverage', 'data/coverage.xml', '--diff', 'nope.xml'], dir)).code).toBe(
      1,
    );
    expect((await runCli(['record-coverage', '--session', '55', 'nope.xml'], dir)).code).toBe(1);
    expect((await runCli(['generate', '--report', 'nope.xml'], dir)).code).toBe(1);
    const uninitialised = project();
    rmSync(join(uninitialised, 'data/project.json'));
    expect((await runCli(['init', '--report', 'nope.xml'], uninitialised)).code).toBe(1);
    edit(dir, 'trackgen.config.json', (text) =>
      text.replace('"data": "data",', '"data": "data",\n  "coverageReport": "nope.xml",'),
    );
    expect((await runCli(['check'], dir)).code).toBe(1);
  });

  it('commands that read no report are not concerned', async () => {
    for (const argv of [['validate'], ['new-session', '--number', '60', '--date', '2025-12-01']]) {
      const result = await runCli(argv, missingReport(project()));
      expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(0);
    }
  });
});

describe('stale documents and conflicts: exit 1', () => {
  it('check and generate --check on a stale document, generate on a conflict', async () => {
    const dir = project();
    expect((await runCli(['generate', '-q'], dir)).code).toBe(0);
    edit(dir, RECORD, (text) =>
      text.replace('"total": 2413, "passing": 2413', '"total": 2420, "passing": 2420'),
    );
    expect((await runCli(['check', '-q'], dir)).code).toBe(1);
    expect((await runCli(['generate', '--check', '-q'], dir)).code).toBe(1);
    expect((await runCli(['generate', '--dry-run'], dir)).code).toBe(0);
  });
});

describe('usage errors: exit 2 from every command', () => {
  it.each([
    [[]],
    [['frobnicate']],
    ...Object.keys(commandLoaders).map((name) => [[name, '--no-such-flag']]),
    [['generate', '--watch', '--check']],
    [['record-coverage']],
    [['record-coverage', '--session', '55', '--stage', 'middle']],
    [['new-session', '--date', '2025-02-30']],
    [['coverage']],
    [['coverage', 'data/coverage.xml', '--format', 'html']],
    [['hook']],
    [['hook', 'uninstall', '--force']],
    [['validate', '--data', 'no-such-dir']],
    [['accept', '--file', 'docs/NOPE.md']],
  ])('%j', async (argv) => {
    const dir = project();
    if (argv[0] === 'accept') await runCli(['generate', '-q'], dir);
    const result = await runCli(argv, dir);
    expect(result.code, result.stderr).toBe(2);
  });
});

describe('every --help says what its exit codes mean, in the same words', () => {
  it.each(Object.keys(commandLoaders))('%s', async (name) => {
    const help = (await runCli([name, '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/Exit codes: 0 [^,]+, 1 problems found[^,]*/);
    expect(help).toContain('2 usage or tool error');
  });
});

describe('the pre-commit hook', () => {
  let template: ScratchRepo;
  const repos: ScratchRepo[] = [];
  beforeAll(async () => {
    template = await createTemplateRepo();
  });
  afterAll(() => {
    template.remove();
    repos.forEach((repo) => repo.remove());
  });
  const repo = () => {
    const copy = copyRepo(template);
    repos.push(copy);
    return copy.dir;
  };

  it('blocks a commit of invalid data or without the report with exit 1', async () => {
    const invalid = invalidData(repo());
    await gitOk(invalid, 'add', RECORD);
    expect((await runCli(['hook', 'run'], invalid)).code).toBe(1);

    const unreported = repo();
    edit(unreported, 'data/project.json', (text) =>
      text.replace('"coverageReport": "coverage.xml"', '"coverageReport": "nope.xml"'),
    );
    await gitOk(unreported, 'add', 'data/project.json');
    expect((await runCli(['hook', 'run'], unreported)).code).toBe(1);
  });

  it('install and uninstall do not read the data: exit 0 even when it is invalid', async () => {
    const dir = invalidData(repo());
    expect((await runCli(['hook', 'install'], dir)).code).toBe(0);
    expect((await runCli(['hook', 'uninstall'], dir)).code).toBe(0);
  });

  it('refuses outside a git repository with exit 2', async () => {
    expect((await runCli(['hook', 'install'], '/')).code).toBe(2);
    expect((await runCli(['hook', 'run'], '/')).code).toBe(2);
  });
});
