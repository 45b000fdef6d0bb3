import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { scratchProjects } from '../helpers/project-copy.js';
import { runCli } from '../helpers/run-cli.js';

// Made before the cleanups below: vitest runs after-hooks last-registered first, so watchers
// stop before their projects are removed.
const project = scratchProjects();
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((remove) => remove()));

/** `trackgen generate --watch` in process, stopped through an AbortSignal. */
function startWatch(dir: string, argv: readonly string[] = []) {
  const controller = new AbortController();
  const out = { stdout: '', stderr: '' };
  const exit = run({
    argv: ['generate', '--watch', ...argv],
    cwd: dir,
    env: process.env,
    signal: controller.signal,
    stdout: { write: (chunk: string) => (out.stdout += chunk) },
    stderr: { write: (chunk: string) => (out.stderr += chunk) },
  });
  cleanups.push(() => controller.abort());
  return { out, stop: () => (controller.abort(), exit) };
}

/** Polls until the condition holds; fails after `timeout` ms with what was seen. */
async function until(
  condition: () => boolean,
  describe: () => string,
  timeout = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; saw:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const summaries = (text: string) =>
  text.split('\n').filter((line) => /^\d\d:\d\d:\d\d {2}.*: \d+ documents: /.test(line));

describe('trackgen generate --watch', () => {
  it('generates at start, again once per save (debounced), keeps watching through invalid data, and exits 0 when stopped', async () => {
    const dir = project();
    const watcher = startWatch(dir);
    const seen = () => `stdout:\n${watcher.out.stdout}\nstderr:\n${watcher.out.stderr}`;
    await until(() => watcher.out.stdout.includes('(Ctrl-C to stop)'), seen);
    expect(summaries(watcher.out.stdout)).toEqual([
      expect.stringMatching(/ {2}start: 4 documents: 4 written, 0 unchanged$/),
    ]);
    expect(watcher.out.stdout).toMatch(/watching data\/, \. \(Ctrl-C to stop\)\n$/);

    // Three writes of one save: one run.
    const record = join(dir, 'data/sessions/054.json');
    const original = readFileSync(record, 'utf8');
    const edited = original.replace('"timeInvested": "~8-10 hours"', '"timeInvested": "~9 hours"');
    for (let index = 0; index < 3; index++) writeFileSync(record, edited);
    await until(() => summaries(watcher.out.stdout).length === 2, seen);
    expect(summaries(watcher.out.stdout)[1]).toMatch(
      / {2}data\/sessions\/054\.json changed: 4 documents: \d written, \d unchanged$/,
    );
    expect(readFileSync(join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md'), 'utf8')).toContain(
      '~9 hours',
    );

    // An invalid save: the problems and one line, and the watch goes on.
    writeFileSync(record, edited.replace('"phase": 4,', '"phase": 4,,'));
    await until(() => watcher.out.stderr.includes('nothing written'), seen);
    expect(watcher.out.stderr).toMatch(/data\/sessions\/054\.json:\d+:\d+ {2}error {2}syntax/);
    expect(watcher.out.stderr).toMatch(
      /\d\d:\d\d:\d\d {2}data\/sessions\/054\.json changed: nothing written: fix the problems above first\n/,
    );

    writeFileSync(record, original);
    await until(() => summaries(watcher.out.stdout).length === 3, seen);
    expect(readFileSync(join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md'), 'utf8')).toContain(
      '~8-10 hours',
    );
    expect(await watcher.stop()).toBe(0);
  });

  it('regenerates when a template, the config or the report changes, and ignores other files', async () => {
    const dir = project();
    mkdirSync(join(dir, 'templates'));
    const watcher = startWatch(dir);
    const seen = () => `stdout:\n${watcher.out.stdout}\nstderr:\n${watcher.out.stderr}`;
    await until(() => watcher.out.stdout.includes('(Ctrl-C to stop)'), seen);
    expect(watcher.out.stdout).toContain('watching data/, templates/, . (Ctrl-C to stop)');

    writeFileSync(join(dir, 'data/notes.txt'), 'not data');
    writeFileSync(join(dir, 'README.md'), 'not watched');
    writeFileSync(
      join(dir, 'templates/daily-prompt.md.hbs'),
      '# Daily prompt\n\nWork on the next module.\n',
    );
    await until(() => summaries(watcher.out.stdout).length === 2, seen);
    expect(summaries(watcher.out.stdout)[1]).toContain(
      'templates/daily-prompt.md.hbs changed: 4 documents: 1 written, 3 unchanged',
    );

    const config = join(dir, 'trackgen.config.json');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        '"documents"',
        '"outputs": { "lessons": "LESSONS.md" }, "documents"',
      ),
    );
    await until(() => summaries(watcher.out.stdout).length === 3, seen);
    expect(summaries(watcher.out.stdout)[2]).toContain(
      'trackgen.config.json changed: 4 documents: 1 written, 3 unchanged',
    );

    const report = join(dir, 'data/coverage.xml');
    writeFileSync(report, readFileSync(report, 'utf8'));
    await until(() => summaries(watcher.out.stdout).length === 4, seen);
    expect(summaries(watcher.out.stdout)[3]).toContain(
      'data/coverage.xml changed: 4 documents: 0 written, 4 unchanged',
    );
    expect(await watcher.stop()).toBe(0);
    expect(watcher.out.stdout).not.toContain('notes.txt');
    expect(watcher.out.stdout).not.toContain('README.md');
  });
});

describe('trackgen generate --watch with a broken config', () => {
  it('says so, watches for the config to be fixed, then generates', async () => {
    const dir = project();
    const config = join(dir, 'trackgen.config.json');
    const good = readFileSync(config, 'utf8');
    writeFileSync(config, '{ "outDir": 3 }');
    const watcher = startWatch(dir);
    const seen = () => `stdout:\n${watcher.out.stdout}\nstderr:\n${watcher.out.stderr}`;
    await until(() => watcher.out.stderr.includes('fix the config file first'), seen);
    expect(watcher.out.stderr).toMatch(/trackgen\.config\.json:1:13 {2}error/);
    writeFileSync(config, good);
    await until(() => summaries(watcher.out.stdout).length === 1, seen);
    expect(summaries(watcher.out.stdout)[0]).toContain(
      'trackgen.config.json changed: 4 documents: 4 written, 0 unchanged',
    );
    expect(await watcher.stop()).toBe(0);
  });
});

describe('trackgen generate --watch with other options', () => {
  it('refuses --dry-run, --check and --print-context, which write nothing (exit 2, one line)', async () => {
    for (const flag of ['--dry-run', '--check', '--print-context']) {
      const result = await runCli(['generate', '--watch', flag]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        `trackgen generate: --watch writes documents on every save; it cannot be combined with ${flag}\n`,
      );
    }
  });
});

describe('trackgen generate --watch from the terminal', () => {
  it('stops on Ctrl-C (SIGINT) with exit code 0', async () => {
    const dir = project();
    const bin = fileURLToPath(new URL('../../bin/trackgen.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'generate', '--watch'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    await until(
      () => stdout.includes('(Ctrl-C to stop)'),
      () => stdout,
    );
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
