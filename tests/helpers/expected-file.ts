/**
 * Expected-output files of fixture folders. A missing one fails its test: a loop that wrote the
 * file it then compares with would pass whatever the code printed. Only UPDATE_FIXTURES=1
 * (re)writes them from the current output, for a person to review in the diff.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { repoRoot } from './run-cli.js';

export const updatingFixtures = process.env['UPDATE_FIXTURES'] === '1';

function missing(path: string): Error {
  return new Error(
    `${relative(repoRoot, path)} is missing: write the expected output by hand, or run the test ` +
      'with UPDATE_FIXTURES=1 and review what it writes',
  );
}

/** The content of the expected file `path` (with UPDATE_FIXTURES=1, `actual` written first). */
export function expectedFile(path: string, actual: string): string {
  if (updatingFixtures) writeFileSync(path, actual);
  if (!existsSync(path)) throw missing(path);
  return readFileSync(path, 'utf8');
}

/**
 * For an expected file whose absence means "no output" (null): its content, or null. With
 * UPDATE_FIXTURES=1, first written as `actual`, or removed when `actual` is null.
 */
export function expectedFileOrAbsent(path: string, actual: string | null): string | null {
  if (updatingFixtures) {
    if (actual === null) rmSync(path, { force: true });
    else writeFileSync(path, actual);
  }
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}
