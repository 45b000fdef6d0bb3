import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { repoRoot } from './run-cli.js';

/** A scratch copy of the default project (data/ and the config), so tests may change it freely. */
export function copyDefaultProject(prefix = 'trackgen-project-'): {
  dir: string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(repoRoot, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(repoRoot, 'trackgen.config.json'), join(dir, 'trackgen.config.json'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * For a test file: `const project = scratchProjects();` — each `project()` is a fresh copy of the
 * default project, removed after the test that made it.
 */
export function scratchProjects(prefix?: string): () => string {
  const removals: (() => void)[] = [];
  afterEach(() => removals.splice(0).forEach((remove) => remove()));
  return () => {
    const copy = copyDefaultProject(prefix);
    removals.push(copy.remove);
    return copy.dir;
  };
}
