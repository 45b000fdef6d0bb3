/** Where Python projects usually leave their coverage report, and how to make one when there is none. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readIfExistsSync } from '../fs/read-if-exists.js';

export const REPORT_NAMES = ['coverage.xml', 'coverage.json'] as const;
export const REPORT_DIRECTORIES = [
  '.',
  'reports',
  'build',
  'coverage',
  'test-reports',
  'test-results',
  'htmlcov',
] as const;

/** The report to use: one named in the coverage configuration, else the first of the usual places. */
export function findCoverageReport(root: string): string | undefined {
  const configured = configuredOutputs(root).map((path) => join(root, path));
  const usual = REPORT_DIRECTORIES.flatMap((directory) =>
    REPORT_NAMES.map((name) => join(root, directory, name)),
  );
  return [...configured, ...usual].find((path) => isFile(path));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `output = "..."` of coverage.py's [xml]/[json] sections (pyproject.toml, .coveragerc, setup.cfg, tox.ini). */
function configuredOutputs(root: string): string[] {
  const sources: [string, RegExp][] = [
    ['pyproject.toml', /^\[tool\.coverage\.(?:xml|json)\]\s*$/],
    ['.coveragerc', /^\[(?:xml|json)\]\s*$/],
    ['setup.cfg', /^\[coverage:(?:xml|json)\]\s*$/],
    ['tox.ini', /^\[coverage:(?:xml|json)\]\s*$/],
  ];
  const outputs: string[] = [];
  for (const [file, header] of sources) {
    const text = readIfExistsSync(join(root, file));
    if (text === undefined) continue;
    let inSection = false;
    for (const line of text.split(/\r?\n/)) {
      if (/^\s*\[/.test(line)) inSection = header.test(line.trim());
      const match = inSection ? /^\s*output\s*=\s*["']?([^"'#\s]+)["']?/.exec(line) : null;
      if (match?.[1] !== undefined) outputs.push(match[1]);
    }
  }
  return outputs;
}

/** The package to measure, for the pytest-cov command: the project's name when a folder has it, else the first package folder. */
export function guessPythonPackage(root: string): string {
  const pyproject = readIfExistsSync(join(root, 'pyproject.toml')) ?? '';
  const name = /^\s*name\s*=\s*["']([^"']+)["']/m.exec(pyproject)?.[1]?.replace(/[-.]/g, '_');
  const isPackage = (path: string) => existsSync(join(path, '__init__.py'));
  if (name !== undefined && (isPackage(join(root, name)) || isPackage(join(root, 'src', name))))
    return name;
  for (const base of ['.', 'src']) {
    const dir = join(root, base);
    if (!existsSync(dir)) continue;
    for (const entry of safeList(dir).sort()) {
      if (!/^(tests?|docs|build|dist|\..*)$/.test(entry) && isPackage(join(dir, entry)))
        return entry;
    }
  }
  return name ?? 'YOUR_PACKAGE';
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

export function howToProduceReport(root: string): string {
  const pkg = guessPythonPackage(root);
  return `no coverage report found (looked for ${REPORT_NAMES.join(' and ')} in ${REPORT_DIRECTORIES.map((dir) => (dir === '.' ? '.' : `${dir}/`)).join(', ')}): produce one with pytest-cov, \`pip install pytest-cov && pytest --cov=${pkg} --cov-branch --cov-report=xml\`, then run trackgen init again (or pass --report FILE)`;
}
