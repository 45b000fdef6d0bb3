/**
 * vitest globalSetup: one empty HOME for every git the tests run (tests/helpers/git-repo.ts), made
 * here rather than in the test workers because workers are stopped without running exit handlers,
 * which would leave a folder behind per worker and run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    gitHome: string;
  }
}

export default function setup(project: TestProject): () => void {
  const home = mkdtempSync(join(tmpdir(), 'trackgen-git-home-'));
  project.provide('gitHome', home);
  return () => rmSync(home, { recursive: true, force: true });
}
