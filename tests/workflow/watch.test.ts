import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { scratchProjects } from '../helpers/project-copy.js';
import { initRepo } from '../helpers/git-repo.js';
import { exampleRoot, runCli } from '../helpers/run-cli.js';

// Made before the cleanups below: vitest runs after-hooks last-registered first, so watchers
// stop before their projects are removed.
const project = scratchProjects();
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((remove) => remove()));

/** `trackgen generate --watch` in process, stopped through an AbortSignal. */
function startWatch(dir: string, argv: readonly string[] = []) {
  const controller = new AbortController();
  // Both streams also in the order they were written: a run's line goes to one or the other.
  const out = { stdout: '', stderr: '', both: '' };
  const exit = run({
    argv: ['generate', '--watch', ...argv],
    cwd: dir,
    env: process.env,
    signal: controller.signal,
    stdout: { write: (chunk: string) => ((out.both += chunk), (out.stdout += chunk)) },
    stderr: { write: (chunk: string) => ((out.both += chunk), (out.stderr += chunk)) },
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
    expect(watcher.out.stdout).toMatch(
      /watching data\/, trackgen\.config\.json \(Ctrl-C to stop\)\n$/,
    );

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
    expect(watcher.out.stdout).toContain(
      'watching data/, templates/, trackgen.config.json (Ctrl-C to stop)',
    );

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

/** Every run prints one line starting with the time: a summary, "nothing written" or "failed". */
const runs = (out: { both: string }) =>
  out.both
    .split('\n')
    .filter((line) => /^\d\d:\d\d:\d\d {2}.*: (\d+ documents|nothing written|failed)/.test(line));

/** A watch in a fresh project, started and through its first run. */
async function watching(dir: string) {
  const watcher = startWatch(dir);
  const seen = () => watcher.out.both;
  await until(() => watcher.out.stdout.includes('(Ctrl-C to stop)'), seen);
  /** Waits until the watch has run `count` times in all, and returns the last run's line. */
  const ran = async (count: number) => {
    await until(() => runs(watcher.out).length >= count, seen);
    return runs(watcher.out)[count - 1] ?? '';
  };
  let seenRuns = 0;
  /** Waits for a run, after the last one this returned, whose line matches; returns it. */
  const next = async (pattern: RegExp) => {
    const found = () =>
      runs(watcher.out).findIndex((line, at) => at >= seenRuns && pattern.test(line));
    await until(() => found() >= 0, seen);
    const at = found();
    seenRuns = at + 1;
    return runs(watcher.out)[at] ?? '';
  };
  return { ...watcher, seen, ran, next };
}

const SESSION = 'data/sessions/054.json';
/** Each call gives a different "timeInvested", so every save changes the tracker. */
const edit = (text: string, hours: number) =>
  text.replace(/"timeInvested": "[^"]*"/, `"timeInvested": "~${hours} hours"`);

describe('trackgen generate --watch and the ways files are saved', () => {
  it('regenerates on every save by write-then-rename (atomic saves), not only the first', async () => {
    const dir = project();
    const watcher = await watching(dir);
    const record = join(dir, SESSION);
    for (let save = 1; save <= 3; save++) {
      const temporary = join(dir, 'data/sessions/.054.json.tmp');
      writeFileSync(temporary, edit(readFileSync(record, 'utf8'), save));
      renameSync(temporary, record);
      expect(await watcher.ran(1 + save)).toMatch(/data\/sessions\/054\.json changed: 4 documents/);
      expect(readFileSync(join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md'), 'utf8')).toContain(
        `~${save} hours`,
      );
    }
    expect(await watcher.stop()).toBe(0);
  });

  it('regenerates on every save by sed -i (a new file renamed over the old)', async () => {
    const dir = project();
    const watcher = await watching(dir);
    for (let save = 1; save <= 3; save++) {
      execFileSync(
        'sed',
        ['-i', `s/"timeInvested": "[^"]*"/"timeInvested": "~${save}h"/`, SESSION],
        {
          cwd: dir,
        },
      );
      expect(await watcher.ran(1 + save)).toMatch(/data\/sessions\/054\.json changed: 4 documents/);
      expect(readFileSync(join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md'), 'utf8')).toContain(
        `~${save}h`,
      );
    }
    // sed's own temporary file is not a save of its own: one run a save.
    expect(runs(watcher.out)).toHaveLength(4);
    expect(await watcher.stop()).toBe(0);
  });

  it('regenerates on every save by delete-and-create, and when a session file is added', async () => {
    const dir = project();
    const watcher = await watching(dir);
    const record = join(dir, SESSION);
    for (let save = 1; save <= 2; save++) {
      const text = edit(readFileSync(record, 'utf8'), save);
      unlinkSync(record);
      writeFileSync(record, text);
      expect(await watcher.ran(1 + save)).toContain('data/sessions/054.json');
      await until(
        () =>
          readFileSync(join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md'), 'utf8').includes(
            `~${save} hours`,
          ),
        watcher.seen,
      );
    }
    const added = readFileSync(record, 'utf8')
      .replace('"number": 54', '"number": 56')
      .replace('"status": "complete"', '"status": "in-progress"');
    writeFileSync(join(dir, 'data/sessions/056.json'), added);
    expect(await watcher.ran(4)).toContain('data/sessions/056.json changed');
    expect(await watcher.stop()).toBe(0);
  });

  it('keeps watching when data/ is moved away and back, or removed and made again, and regenerates when it returns', async () => {
    const dir = project();
    const watcher = await watching(dir);
    renameSync(join(dir, 'data'), join(dir, 'data.away'));
    await watcher.next(/nothing written: data directory not found: data$/);
    renameSync(join(dir, 'data.away'), join(dir, 'data'));
    await watcher.next(/ {2}data changed: 4 documents: 0 written, 4 unchanged$/);
    // Its files are watched again, saves by rename included.
    const record = join(dir, SESSION);
    const tracker = () => readFileSync(join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md'), 'utf8');
    const saveByRename = (hours: number) => {
      const temporary = `${record}.tmp`;
      writeFileSync(temporary, edit(readFileSync(record, 'utf8'), hours));
      renameSync(temporary, record);
    };
    saveByRename(7);
    await watcher.next(/054\.json changed: 4 documents: 1 written/);

    // A data/ removed and made again (another folder of the same name, often with the same inode).
    const copy = readFileSync(record, 'utf8');
    const makeData = (hours: number) => {
      mkdirSync(join(dir, 'data/sessions'), { recursive: true });
      for (const file of ['project.json', 'coverage.xml', 'sessions/055.json'])
        writeFileSync(join(dir, 'data', file), readFileSync(join(exampleRoot, 'data', file)));
      writeFileSync(record, edit(copy, hours));
    };
    rmSync(join(dir, 'data'), { recursive: true });
    await watcher.next(/data directory not found/);
    makeData(8);
    // The run when it returns reads every file in it, the save made with it included.
    await watcher.next(/ {2}data(?: and \d+ more)? changed: 4 documents: \d written/);
    expect(tracker()).toContain('~8 hours');
    // And the saves after that run are heard (a save may share a run with the folder's return).
    writeFileSync(record, edit(copy, 9));
    await watcher.next(/ changed: 4 documents: 1 written/);
    expect(tracker()).toContain('~9 hours');
    saveByRename(10);
    await watcher.next(/ changed: 4 documents: 1 written/);
    expect(tracker()).toContain('~10 hours');

    // Replaced at once, as a checkout may do: no run sees it missing.
    rmSync(join(dir, 'data'), { recursive: true });
    makeData(11);
    await watcher.next(/: 4 documents: \d written/);
    expect(tracker()).toContain('~11 hours');
    writeFileSync(record, edit(copy, 12));
    await watcher.next(/ changed: 4 documents: 1 written/);
    expect(tracker()).toContain('~12 hours');
    expect(await watcher.stop()).toBe(0);
  });

  it('never runs again because of its own writes: the documents and the run cache', async () => {
    // docs/ and .git/trackgen/ (the run cache) sit beside the config, in the folder watched for
    // the config and for data/ appearing. (A data folder holding outDir, once the hardest case,
    // is now refused by the output-path rule.)
    const dir = project();
    initRepo(dir);
    const watcher = await watching(dir);
    expect(runs(watcher.out)[0]).toMatch(/start: 4 documents: 4 written/);
    const record = join(dir, SESSION);
    writeFileSync(record, edit(readFileSync(record, 'utf8'), 5));
    expect(await watcher.ran(2)).toMatch(/sessions\/054\.json changed: 4 documents: 1 written/);
    // Absence can only be shown by waiting: well past the debounce and the check for replaced
    // folders, no run follows its writes.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(runs(watcher.out)).toHaveLength(2);
    expect(await watcher.stop()).toBe(0);
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
