import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyDefaultProject } from '../helpers/project-copy.js';
import { runBuiltCli } from '../helpers/run-cli.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((remove) => remove()));

/** A generated copy of the default project with a node_modules folder, where check records its result. */
async function project(): Promise<string> {
  const copy = copyDefaultProject('trackgen-check-cache-');
  cleanups.push(copy.remove);
  mkdirSync(join(copy.dir, 'node_modules'));
  expect((await runBuiltCli(['generate', '-q'], copy.dir)).code).toBe(0);
  age(copy.dir);
  return copy.dir;
}

/** As if written a minute ago: check records nothing read from files changed while it ran (or just before). */
function age(path: string): void {
  const then = new Date(Date.now() - 60_000);
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) age(join(path, entry));
  utimesSync(path, then, then);
}

const cacheDir = (dir: string) => join(dir, 'node_modules/.cache/trackgen');

describe('trackgen check with nothing changed (the check cache, built CLI)', () => {
  it('replays the output of the last passing check, and runs in full once anything it read changes', async () => {
    const dir = await project();
    const first = await runBuiltCli(['check'], dir);
    expect(first).toMatchObject({ code: 0, stdout: '4 documents up to date\n' });
    expect(readdirSync(cacheDir(dir))).toHaveLength(1);
    expect(await runBuiltCli(['check'], dir)).toEqual(first);

    const record = join(dir, 'data/sessions/054.json');
    writeFileSync(record, readFileSync(record, 'utf8').replace('"total": 2413, "passing": 2413', '"total": 2420, "passing": 2420'));
    const stale = await runBuiltCli(['check', '-q'], dir);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('docs/PHASE_4_PROGRESS_TRACKER.md');
  });

  it('notices a changed document and a new session record', async () => {
    const dir = await project();
    expect((await runBuiltCli(['check', '-q'], dir)).code).toBe(0);
    const tracker = join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md');
    const original = readFileSync(tracker, 'utf8');
    // An edit inside a generated section is kept and reported (a warning, exit 0): not a replay.
    writeFileSync(tracker, original.replace('2,413', '2,999'));
    age(tracker);
    const edited = await runBuiltCli(['check', '-q'], dir);
    expect(edited.code).toBe(0);
    expect(edited.stderr).toMatch(/docs\/PHASE_4_PROGRESS_TRACKER\.md:\d+:1 {2}warning {2}hand-edit/);
    expect(await runBuiltCli(['check', '-q'], dir)).toEqual(edited);
    writeFileSync(tracker, original);
    expect(await runBuiltCli(['check', '-q'], dir)).toMatchObject({ code: 0, stderr: '' });

    writeFileSync(join(dir, 'data/sessions/056.json'), '{');
    expect((await runBuiltCli(['check', '-q'], dir)).code).toBe(2);
    writeFileSync(join(dir, 'data/sessions/056.json'), readFileSync(join(dir, 'data/sessions/055.json')));
    expect((await runBuiltCli(['check', '-q'], dir)).code).not.toBe(0); // 055 twice: a duplicate session
  });

  it('notices a changed coverage report', async () => {
    const dir = await project();
    expect((await runBuiltCli(['check', '-q'], dir)).code).toBe(0);
    const report = join(dir, 'data/coverage.xml');
    writeFileSync(report, readFileSync(report, 'utf8').replaceAll('hits="0"', 'hits="1"'));
    expect((await runBuiltCli(['check', '-q'], dir)).code).toBe(1);
  });

  it('records nothing when an input changed just before or during the run', async () => {
    const dir = await project();
    const record = join(dir, 'data/sessions/055.json');
    writeFileSync(record, readFileSync(record));
    expect((await runBuiltCli(['check', '-q'], dir)).code).toBe(0);
    expect(existsSync(cacheDir(dir))).toBe(false);
  });

  it('records nothing with TRACKGEN_CACHE=0', async () => {
    const dir = await project();
    expect((await runBuiltCli(['check', '-q'], dir, { TRACKGEN_CACHE: '0' })).code).toBe(0);
    expect(existsSync(cacheDir(dir))).toBe(false);
  });
});
