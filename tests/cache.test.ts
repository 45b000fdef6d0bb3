import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRunCache } from '../src/pipeline/cache/cached-plan.js';
import { runPipeline } from '../src/pipeline/run.js';
import { git as runGit, initRepo } from './helpers/git-repo.js';
import { scratchProjects } from './helpers/project-copy.js';
import { runCli } from './helpers/run-cli.js';

const project = scratchProjects('trackgen-cache-');

/** A default project in a git repository: the run cache lives in .git/trackgen. */
async function gitProject() {
  const dir = project();
  const git = (...args: string[]) => runGit(dir, ...args);
  initRepo(dir);
  expect((await runCli(['generate', '-q'], dir)).code).toBe(0);
  return { dir, git };
}

/** Plans as `trackgen check` does: through the run cache, writing nothing. */
async function planFrom(dir: string, env: Record<string, string | undefined> = {}) {
  const result = await runPipeline(
    { cwd: dir, flags: {}, write: false },
    openRunCache(dir, {}, { ...process.env, ...env }),
  );
  if (result.plan === undefined) throw new Error('expected a plan');
  return result;
}

describe('the run cache', () => {
  it('serves an unchanged project from the cache, with the same outcome as a full run', async () => {
    const { dir } = await gitProject();
    const cached = await planFrom(dir);
    const full = await planFrom(dir, { TRACKGEN_NO_CACHE: '1' });
    expect(cached.fromCache).toBe(true);
    expect(full.fromCache).toBe(false);
    const summary = (plan: typeof cached.plan) =>
      plan.files.map((file) => [file.shownAs, file.merge.changed, file.merge.diagnostics.length]);
    expect(summary(cached.plan)).toEqual(summary(full.plan));
    expect(cached.plan.diagnostics).toEqual(full.plan.diagnostics);
    expect((await runCli(['generate'], dir)).stdout).toContain(
      '4 documents: 0 written, 4 unchanged\n',
    );
  });

  it('runs every stage again when a record, a template, the report or the commit changes', async () => {
    const { dir, git } = await gitProject();
    const edit = (path: string, change: (text: string) => string) =>
      writeFileSync(join(dir, path), change(readFileSync(join(dir, path), 'utf8')));

    edit('data/sessions/054.json', (text) =>
      text.replace('"total": 2413, "passing": 2413', '"total": 2414, "passing": 2414'),
    );
    expect((await planFrom(dir)).fromCache).toBe(false);
    expect((await runCli(['generate', '-q'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md'), 'utf8')).toContain(
      'All 2,414 tests passing',
    );
    expect((await planFrom(dir)).fromCache).toBe(true);

    mkdirSync(join(dir, 'templates/partials'), { recursive: true });
    writeFileSync(join(dir, 'templates/partials/pattern.hbs'), '{{index}}. NEW {{inline name}}\n');
    expect((await planFrom(dir)).fromCache).toBe(false);
    expect((await runCli(['generate', '-q'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md'), 'utf8')).toContain(
      '1. NEW Mock Built-ins',
    );

    edit('data/coverage.xml', (text) => text.replace('timestamp="', 'timestamp="1'));
    expect((await planFrom(dir)).fromCache).toBe(false);
    expect((await runCli(['generate', '-q'], dir)).code).toBe(0);

    git('add', '-A');
    git('commit', '-qm', 'Session 54: record');
    expect((await planFrom(dir)).fromCache).toBe(false);
  });

  it('re-merges a document a person edited since the last run, keeping the edit and reporting it', async () => {
    const { dir } = await gitProject();
    const tracker = join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md');
    writeFileSync(
      tracker,
      readFileSync(tracker, 'utf8').replace(
        '### Session 54: 2025-11-24',
        'Our note.\n\n### Session 54: 2025-11-24',
      ),
    );
    const obtained = await planFrom(dir);
    expect(obtained.fromCache).toBe(true);
    const file = obtained.plan.files.find(
      (candidate) => candidate.shownAs === 'docs/PHASE_4_PROGRESS_TRACKER.md',
    );
    expect(file?.merge.handEdited).toEqual(['session-log']);
    expect(file?.merge.changed).toBe(false);
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /docs\/PHASE_4_PROGRESS_TRACKER\.md:\d+:1 {2}warning {2}hand-edit/,
    );
    expect(readFileSync(tracker, 'utf8')).toContain('Our note.');
    // Reported again on the next run, now a pure cache hit.
    expect((await runCli(['check'], dir)).stderr).toMatch(/warning {2}hand-edit/);
  });

  it('notices a changed report when project.json starts with a byte-order mark', async () => {
    const { dir } = await gitProject();
    const project = join(dir, 'data/project.json');
    writeFileSync(project, `\uFEFF${readFileSync(project, 'utf8')}`);
    expect((await runCli(['generate', '-q'], dir)).code).toBe(0);
    expect((await planFrom(dir)).fromCache).toBe(true);
    const report = join(dir, 'data/coverage.xml');
    writeFileSync(report, readFileSync(report, 'utf8').replace('timestamp="', 'timestamp="1'));
    expect((await planFrom(dir)).fromCache).toBe(false);
  });

  it('writes a deleted document again from the cached rendering', async () => {
    const { dir } = await gitProject();
    const summary = join(dir, 'docs/sessions/SESSION_54_SUMMARY.md');
    const before = readFileSync(summary, 'utf8');
    rmSync(summary);
    expect((await planFrom(dir)).fromCache).toBe(true);
    const result = await runCli(['generate'], dir);
    expect(result.stdout).toContain('written   docs/sessions/SESSION_54_SUMMARY.md\n');
    expect(readFileSync(summary, 'utf8')).toBe(before);
  });

  it('keeps the renderings in one pack, and runs in full when the pack is gone', async () => {
    const { dir } = await gitProject();
    const cacheDir = join(dir, '.git/trackgen');
    const packs = () => readdirSync(cacheDir).filter((name) => name.endsWith('.pack'));
    expect(packs()).toHaveLength(1);
    expect(existsSync(join(cacheDir, 'fresh'))).toBe(false);
    const summary = join(dir, 'docs/sessions/SESSION_54_SUMMARY.md');
    const before = readFileSync(summary, 'utf8');
    rmSync(join(cacheDir, packs()[0] ?? ''));
    rmSync(summary);
    // The state names a rendering it can no longer read: no hit, the full run writes the file.
    expect((await planFrom(dir)).fromCache).toBe(false);
    expect((await runCli(['generate'], dir)).stdout).toContain(
      'written   docs/sessions/SESSION_54_SUMMARY.md\n',
    );
    expect(readFileSync(summary, 'utf8')).toBe(before);
    expect(packs()).toHaveLength(1);
    expect((await planFrom(dir)).fromCache).toBe(true);
  });

  it('reuses the pack when a hand edit is merged again, and removes packs no state names', async () => {
    const { dir } = await gitProject();
    const cacheDir = join(dir, '.git/trackgen');
    const packs = () => readdirSync(cacheDir).filter((name) => name.endsWith('.pack'));
    const [pack] = packs();
    const tracker = join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md');
    writeFileSync(tracker, `${readFileSync(tracker, 'utf8')}\nA note of mine.\n`);
    expect((await runCli(['generate', '-q'], dir)).code).toBe(0);
    expect(packs()).toEqual([pack]);
    const record = join(dir, 'data/sessions/054.json');
    writeFileSync(record, readFileSync(record, 'utf8').replace('"title": "', '"title": "Pack: '));
    expect((await runCli(['generate', '-q'], dir)).code).toBe(0);
    expect(packs()).toHaveLength(1);
    expect(packs()).not.toEqual([pack]);
    expect(readFileSync(tracker, 'utf8')).toContain('A note of mine.');
  });

  it('reads the report from the cache when only a record changed, with the same outcome', async () => {
    const { dir } = await gitProject();
    const reports = () =>
      readdirSync(join(dir, '.git/trackgen')).filter((name) => name.startsWith('report-'));
    expect(reports()).toHaveLength(1);
    const record = join(dir, 'data/sessions/054.json');
    writeFileSync(record, readFileSync(record, 'utf8').replace('"title": "', '"title": "Edited: '));
    const cached = await planFrom(dir);
    const full = await planFrom(dir, { TRACKGEN_NO_CACHE: '1' });
    expect(cached.fromCache).toBe(false);
    const outcome = (plan: typeof cached.plan) =>
      plan.files.map((file) => [file.shownAs, file.kind === 'merged' ? file.merge.content : null]);
    expect(outcome(cached.plan)).toEqual(outcome(full.plan));
    expect(cached.plan.diagnostics).toEqual(full.plan.diagnostics);
    expect(reports()).toHaveLength(1);
  });

  it('repeats the warnings of the inputs on a cache hit', async () => {
    const { dir } = await gitProject();
    const project = join(dir, 'data/project.json');
    writeFileSync(
      project,
      readFileSync(project, 'utf8').replace(
        '"path": "app/services/sync.py",',
        '"path": "app/services/sync.py",\n          "lines": 628,',
      ),
    );
    const first = await runCli(['generate', '-q'], dir);
    const second = await runCli(['generate', '-q'], dir);
    expect((await planFrom(dir)).fromCache).toBe(true);
    expect(first.stderr).toContain('warning  stale-figure  app/services/sync.py: lines says 628');
    expect(second.stderr).toBe(first.stderr);
  });

  it('is off with TRACKGEN_NO_CACHE=1 and outside git and node_modules', async () => {
    const { dir } = await gitProject();
    expect((await planFrom(dir, { TRACKGEN_NO_CACHE: '1' })).fromCache).toBe(false);
    const plain = { dir: project() };
    await runCli(['generate', '-q'], plain.dir);
    expect((await planFrom(plain.dir)).fromCache).toBe(false);
  });
});
