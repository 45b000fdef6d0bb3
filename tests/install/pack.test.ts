/**
 * SLOW (about a minute on 2 cores): packs trackgen for real — prepare's clean build in a copy of
 * the working tree — then installs the tarball into a fresh npm project from the npm registry or
 * cache. What a team does with the README's "npm pack" install line, and what the pre-commit
 * framework does with `language: node` (it takes the whole stdout of `npm pack` as the name).
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDir, type ScratchDir } from '../helpers/project-copy.js';
import { repoRoot } from '../helpers/run-cli.js';
import { cleanEnv, packWorkingTree, run, type Packed } from './packed.js';

/** Everything the package holds outside dist/: what runs it, and nothing of the repository's own. */
const EXPECTED_OUTSIDE_DIST = [
  'LICENSE',
  'README.md',
  'bin/load-bundle.js',
  'bin/package.json',
  'bin/trackgen.js',
  'package.json',
  'schemas/config.schema.json',
  'schemas/project.schema.json',
  'schemas/session.schema.json',
  'templates/daily-prompt.md.hbs',
  'templates/lessons-learned.md.hbs',
  'templates/partials/commit-row.hbs',
  'templates/partials/lesson.hbs',
  'templates/partials/module-card-complete.hbs',
  'templates/partials/module-card-pending.hbs',
  'templates/partials/overall-percent.hbs',
  'templates/partials/pattern.hbs',
  'templates/partials/session-log-entry.hbs',
  'templates/partials/true100-count.hbs',
  'templates/phase-tracker.md.hbs',
  'templates/session-summary.md.hbs',
];

/**
 * dist/ ships the esbuild bundle (the file the metafile lists, which holds the precompiled
 * templates, and the bundled packages' licences): no unbundled module, no map, no metafile.
 * Derived from the packed tree's own metafile, so that a stray or missing file fails it.
 */
function expectedDist(tree: string): string[] {
  const metafile = JSON.parse(readFileSync(join(tree, 'dist/bundle/metafile.json'), 'utf8')) as {
    outputs: Record<string, unknown>;
  };
  return [...Object.keys(metafile.outputs), 'dist/bundle/THIRD-PARTY-LICENSES.txt'];
}

const sorted = (names: readonly string[]) => [...names].sort();

let packed: Packed;
beforeAll(async () => {
  packed = await packWorkingTree();
}, 300_000);
afterAll(() => {
  packed.tree.remove();
  packed.out.remove();
});

describe('npm pack', () => {
  it('prints the tarball name alone on stdout (pre-commit reads it)', () => {
    expect(packed.stdout).toBe('trackgen-0.1.0.tgz\n');
    expect(existsSync(packed.tarball)).toBe(true);
  });

  it('packs exactly the files that run trackgen', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: packed.tree.dir,
      env: cleanEnv(),
    });
    const [report] = JSON.parse(stdout) as [{ files: { path: string }[] }];
    const listed = sorted(report.files.map((file) => file.path));
    expect(listed).toEqual(sorted([...EXPECTED_OUTSIDE_DIST, ...expectedDist(packed.tree.dir)]));
    // The tarball itself holds the same files.
    const { stdout: tar } = await run('tar', ['-tzf', packed.tarball]);
    const inTarball = tar
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.replace(/^package\//, ''));
    expect(sorted(inTarball)).toEqual(listed);
  });
});

describe('installing the tarball into a fresh project (SLOW: npm registry or cache)', () => {
  let project: ScratchDir;
  const npx = promisify(execFile);
  beforeAll(async () => {
    project = scratchDir('trackgen-consumer-');
    await run('npm', ['init', '-y'], { cwd: project.dir, env: cleanEnv() });
    await run(
      'npm',
      ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', packed.tarball],
      { cwd: project.dir, env: cleanEnv() },
    );
  }, 300_000);
  afterAll(() => project.remove());

  it('installs trackgen alone: its libraries are bundled', () => {
    const installed = readdirSync(join(project.dir, 'node_modules')).filter(
      (name) => !name.startsWith('.'),
    );
    expect(installed).toEqual(['trackgen']);
  });

  it('runs: npx trackgen --version', async () => {
    const { stdout } = await npx('npx', ['--no-install', 'trackgen', '--version'], {
      cwd: project.dir,
      env: cleanEnv(),
    });
    expect(stdout.trim()).toBe('0.1.0');
  });

  it('runs: npx trackgen init in a Python repository with a coverage.xml', async () => {
    mkdirSync(join(project.dir, 'app'));
    writeFileSync(join(project.dir, 'app/core.py'), 'def f():\n    return 1\n');
    writeFileSync(join(project.dir, 'app/util.py'), 'X = 1\n');
    copyFileSync(
      join(repoRoot, 'tests/fixtures/coverage/reports/job-a.xml'),
      join(project.dir, 'coverage.xml'),
    );
    const { stdout } = await npx('npx', ['--no-install', 'trackgen', 'init'], {
      cwd: project.dir,
      env: cleanEnv(),
    });
    expect(stdout).toContain('found     coverage.xml');
    expect(stdout).toContain('created   data/project.json');
    expect(existsSync(join(project.dir, 'trackgen.config.json'))).toBe(true);
    // Each command's compiled code is kept beside the project's other tool caches.
    const caches = readdirSync(join(project.dir, 'node_modules/.cache/trackgen'));
    expect(caches.some((name) => /^[0-9a-f]{16}-init-[0-9a-f]{8}\.v8cache$/.test(name))).toBe(true);
  });
});
