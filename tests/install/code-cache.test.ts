/**
 * The bin keeps V8's compiled code of the bundle per command (bin/load-bundle.js), in
 * node_modules/.cache/trackgen. These tests run a copy of the built package in a scratch folder,
 * so that the cache they look at is theirs alone: a cache is written once and then used as it
 * is, a broken or hostile one costs only speed, and nothing is written when the cache is off or
 * the run was a usage error.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDir, type ScratchDir } from '../helpers/project-copy.js';
import { repoRoot } from '../helpers/run-cli.js';

interface LoadBundle {
  codeCacheDir(packageRoot: string): string;
  codeCacheName(
    sha256: string,
    argv: readonly string[],
    execArgv: readonly string[],
    version: string,
    arch: string,
  ): string;
}
const loader = createRequire(import.meta.url)(join(repoRoot, 'bin/load-bundle.js')) as LoadBundle;

const SHA = 'ab'.repeat(32);

describe('the cache file a run uses', () => {
  const name = (argv: string[], execArgv: string[] = [], version = 'v20.19.0') =>
    loader.codeCacheName(SHA, argv, execArgv, version, 'x64');

  it('is one per command, and per node version and options', () => {
    expect(name(['hook', 'run'])).toMatch(/^abababababababab-hook-run-[0-9a-f]{8}\.v8cache$/);
    expect(name(['generate', '-q'])).toBe(name(['generate', '--check']));
    expect(name(['generate'])).not.toBe(name(['check']));
    expect(name(['--version'])).toMatch(/-default-/);
    // Two words at most, and only words: a path or a number is an argument, not a command.
    expect(name(['import', 'summary', 'more'])).toBe(name(['import', 'summary', 'other']));
    expect(name(['coverage', 'coverage.xml'])).toBe(name(['coverage']));
    expect(name(['generate'], ['--stack-size=2000'])).not.toBe(name(['generate']));
    expect(name(['generate'], [], 'v22.0.0')).not.toBe(name(['generate']));
  });

  it('lives in the node_modules trackgen is installed in, or the clone’s own', () => {
    expect(loader.codeCacheDir('/p/node_modules/trackgen')).toBe('/p/node_modules/.cache/trackgen');
    expect(loader.codeCacheDir('/src/trackgen')).toBe('/src/trackgen/node_modules/.cache/trackgen');
  });
});

describe('a copy of the built package', () => {
  let pkg: ScratchDir;
  let cacheDir: string;
  beforeAll(() => {
    pkg = scratchDir('trackgen-code-cache-');
    for (const path of ['bin', 'templates', 'schemas', 'package.json', 'dist/bundle/trackgen.cjs'])
      cpSync(join(repoRoot, path), join(pkg.dir, path), { recursive: true });
    cacheDir = join(pkg.dir, 'node_modules/.cache/trackgen');
  });
  afterAll(() => pkg.remove());

  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const base = { ...process.env };
    delete base['NODE_DISABLE_COMPILE_CACHE'];
    delete base['NODE_V8_COVERAGE'];
    return spawnSync(process.execPath, [join(pkg.dir, 'bin/trackgen.js'), ...args], {
      env: { ...base, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  };
  const caches = () => readdirSync(cacheDir, { withFileTypes: true }).map((entry) => entry.name);
  const versionCache = () => {
    const found = caches().filter((file) => file.includes('-default-'));
    expect(found).toHaveLength(1);
    return join(cacheDir, found[0]!);
  };
  const accepted = (file: string) =>
    execFileSync(
      process.execPath,
      [
        '-e',
        `const l = require(${JSON.stringify(join(pkg.dir, 'bin/load-bundle.js'))});
         const fs = require('node:fs');
         const script = l.compileBundle(l.readBundleSource(), fs.readFileSync(${JSON.stringify(file)}));
         process.stdout.write(String(script.cachedDataRejected === false));`,
      ],
      { encoding: 'utf8' },
    ) === 'true';

  it('writes a cache at its first run, which V8 then accepts, and leaves it as it is', () => {
    const first = run(['--version']);
    expect(first.status, first.stderr).toBe(0);
    const file = versionCache();
    expect(accepted(file)).toBe(true);
    const before = readFileSync(file);
    const written = statSync(file).mtimeMs;
    const second = run(['--version']);
    expect(second.stdout).toBe(first.stdout);
    expect(statSync(file).mtimeMs).toBe(written);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a broken cache, runs the same, and writes a good one in its place', () => {
    const file = versionCache();
    writeFileSync(file, 'not a V8 code cache');
    expect(accepted(file)).toBe(false);
    const result = run(['--version']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('0.1.0');
    expect(accepted(file)).toBe(true);
  });

  it('removes the caches of other builds of the bundle when it writes one', () => {
    const stale = join(cacheDir, '0123456789abcdef-generate-00000000.v8cache');
    writeFileSync(stale, 'from another build');
    writeFileSync(join(cacheDir, 'notes.txt'), 'not ours');
    expect(run(['validate', '--help']).status).toBe(0);
    expect(caches()).not.toContain('0123456789abcdef-generate-00000000.v8cache');
    expect(caches()).toContain('notes.txt');
  });

  it('writes nothing for a usage error, or with NODE_DISABLE_COMPILE_CACHE set', () => {
    const before = caches().sort();
    expect(run(['no-such-command']).status).toBe(2);
    expect(run(['check', '--help'], { NODE_DISABLE_COMPILE_CACHE: '1' }).status).toBe(0);
    expect(caches().sort()).toEqual(before);
  });

  it('runs when the cache folder cannot be made, or a FIFO stands in the cache’s place', () => {
    const fifo = versionCache();
    execFileSync('rm', [fifo]);
    execFileSync('mkfifo', [fifo]);
    const withFifo = run(['--version']);
    expect(withFifo.status, withFifo.stderr).toBe(0);
    expect(withFifo.stdout.trim()).toBe('0.1.0');

    execFileSync('rm', ['-r', join(pkg.dir, 'node_modules')]);
    mkdirSync(join(pkg.dir, 'node_modules'));
    writeFileSync(join(pkg.dir, 'node_modules/.cache'), 'a file where the folder would go');
    const blocked = run(['--version']);
    expect(blocked.status, blocked.stderr).toBe(0);
    expect(blocked.stdout.trim()).toBe('0.1.0');
    expect(blocked.stderr).toBe('');
  });
});
