/**
 * The one way tests make scratch folders: under the system temp folder, removed by the helper
 * that made them, so no test file carries its own mkdtemp/cp/rm boilerplate or leaks folders.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { exampleRoot } from './run-cli.js';

export interface ScratchDir {
  readonly dir: string;
  readonly remove: () => void;
}

/** A fresh empty folder; the caller removes it (helpers that manage a lifetime of their own). */
export function scratchDir(prefix = 'trackgen-'): ScratchDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A scratch copy of a folder and everything in it. */
export function copyFolder(source: string, prefix = 'trackgen-copy-'): ScratchDir {
  const scratch = scratchDir(prefix);
  cpSync(source, scratch.dir, { recursive: true });
  return scratch;
}

/** A scratch copy of the default project (data/ and the config), so tests may change it freely. */
export function copyDefaultProject(prefix = 'trackgen-project-'): ScratchDir {
  const scratch = scratchDir(prefix);
  cpSync(join(exampleRoot, 'data'), join(scratch.dir, 'data'), { recursive: true });
  cpSync(join(exampleRoot, 'trackgen.config.json'), join(scratch.dir, 'trackgen.config.json'));
  return scratch;
}

/** Each call of the returned function makes a scratch folder, removed after the current test. */
function perTest(make: () => ScratchDir): () => string {
  const removals: (() => void)[] = [];
  afterEach(() => removals.splice(0).forEach((remove) => remove()));
  return () => {
    const scratch = make();
    removals.push(scratch.remove);
    return scratch.dir;
  };
}

/**
 * For a test file: `const project = scratchProjects();` — each `project()` is a fresh copy of the
 * default project, removed after the test that made it.
 */
export function scratchProjects(prefix?: string): () => string {
  return perTest(() => copyDefaultProject(prefix));
}

/** For a test file: `const scratch = scratchDirs();` — each `scratch()` is a fresh empty folder. */
export function scratchDirs(prefix?: string): () => string {
  return perTest(() => scratchDir(prefix));
}

/**
 * One empty folder shared by the tests of a file (or of the describe block that calls this),
 * removed after the last of them: for tests that each write their own files into it.
 */
export function sharedScratchDir(prefix?: string): string {
  const scratch = scratchDir(prefix);
  afterAll(scratch.remove);
  return scratch.dir;
}
