/**
 * Which files of a coverage report are the repository's modules. A plain `pytest --cov` (or
 * `coverage run -m pytest`) measures whatever Python ran: installed packages under
 * site-packages/dist-packages, the tests and conftest.py. None of them is a module to campaign on.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, posix, relative, win32 } from 'node:path';
import { toSlashes } from '../text/paths.js';

export interface ReportScope {
  /** The repository's modules, as paths from the repository root where the report allows. */
  readonly modules: readonly string[];
  /** Files outside the repository or under site-packages / dist-packages. */
  readonly outside: number;
  /** Test files: test_*.py, *_test.py, conftest.py, anything under a tests/ folder. */
  readonly tests: number;
}

const INSTALLED = new Set(['site-packages', 'dist-packages']);

export function reportScope(
  root: string,
  sourceRoots: readonly string[],
  paths: readonly string[],
): ReportScope {
  const modules: string[] = [];
  let outside = 0;
  let tests = 0;
  for (const reported of paths) {
    const path = inRepository(root, sourceRoots, reported);
    if (path === undefined) outside++;
    else if (isTestFile(path)) tests++;
    else modules.push(path);
  }
  return { modules, outside, tests };
}

/** The path from the repository root, or undefined for a file outside it or an installed one. */
function inRepository(
  root: string,
  sourceRoots: readonly string[],
  reported: string,
): string | undefined {
  const slashed = toSlashes(reported);
  if (slashed.split('/').some((segment) => INSTALLED.has(segment))) return undefined;
  // coverage.py writes a file outside every source root with its absolute path.
  const absolute = posix.isAbsolute(slashed) || win32.isAbsolute(reported);
  const path = absolute
    ? toSlashes(relative(root, reported))
    : repositoryPath(root, sourceRoots, slashed);
  if (path === '..' || path.startsWith('../') || isAbsolute(path)) return undefined;
  return path;
}

function isTestFile(path: string): boolean {
  const segments = path.split('/');
  const name = segments.at(-1) ?? '';
  return (
    /^test_.*\.py$/.test(name) ||
    /_test\.py$/.test(name) ||
    name === 'conftest.py' ||
    segments.slice(0, -1).includes('tests')
  );
}

/**
 * A module's path from the repository root (`shop/cart.py`) when the report's source root lies
 * inside the repository, as coverage.py writes it for --cov=shop; else the report's own path.
 */
function repositoryPath(root: string, sourceRoots: readonly string[], path: string): string {
  for (const sourceRoot of sourceRoots) {
    // An empty <source> (coverage.py writes one) would resolve against the process's folder.
    if (sourceRoot === '') continue;
    const inRepository = relative(root, sourceRoot);
    if (
      inRepository.startsWith('..') ||
      isAbsolute(inRepository) ||
      !existsSync(join(sourceRoot, path))
    )
      continue;
    return toSlashes(join(inRepository, path));
  }
  return path;
}
