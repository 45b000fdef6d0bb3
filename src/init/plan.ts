/**
 * `trackgen init` as a plan: every file's content is computed before any file is touched, and a
 * file that exists is never replaced (package.json is edited by offsets, and only to add a script).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILE } from '../config/load.js';
import { readCoverageReport, type CoverageReport } from '../coverage/index.js';
import { UsageError } from '../diagnostics.js';
import { toSlashes } from '../text/paths.js';
import { plural } from '../text/plural.js';
import { PROJECT_FILE } from '../data/load.js';
import { addDocsScript, configFileText, projectFileText } from './files.js';
import { findCoverageReport, howToProduceReport } from './find-report.js';
import { moduleIds } from './module-ids.js';
import { reportScope, type ReportScope } from './scope.js';

export interface InitOptions {
  readonly root: string;
  /** A report named on the command line, absolute. */
  readonly report?: string;
  readonly dataDir: string;
  readonly outDir: string;
}

export type InitStep =
  | {
      readonly kind: 'create';
      readonly path: string;
      readonly content: string;
      readonly about: string;
    }
  | {
      readonly kind: 'edit';
      readonly path: string;
      readonly content: string;
      readonly about: string;
    }
  | { readonly kind: 'keep'; readonly path: string; readonly about: string };

export type InitPlan =
  | {
      readonly ok: true;
      readonly report: string | undefined;
      readonly steps: readonly InitStep[];
      readonly notes: readonly string[];
      /** What makes the report a poor measure (no branch data), for a warning line each. */
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

export function planInit(options: InitOptions): InitPlan {
  const { root } = options;
  const configPath = join(root, CONFIG_FILE);
  const dataDir = join(root, options.dataDir);
  const projectPath = join(dataDir, PROJECT_FILE);
  const steps: InitStep[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  const schemas = schemasDirectory(root);
  if (!schemas.installed)
    notes.push(
      `"$schema" points at ${toSlashes(relative(root, schemas.path))}/: install trackgen there (npm install --save-dev with its tarball or git URL: see its README) for completion in your editor`,
    );
  const schemaFrom = (file: string, name: string) =>
    toSlashes(relative(dirname(file), join(schemas.path, name)));

  if (existsSync(configPath)) steps.push({ kind: 'keep', path: configPath, about: 'exists' });
  else
    steps.push({
      kind: 'create',
      path: configPath,
      content: configFileText(
        schemaFrom(configPath, 'config.schema.json'),
        toSlashes(options.dataDir),
        toSlashes(options.outDir),
      ),
      about: 'settings',
    });

  let reportPath: string | undefined;
  if (existsSync(projectPath)) {
    steps.push({ kind: 'keep', path: projectPath, about: 'exists' });
  } else {
    reportPath = options.report ?? findCoverageReport(root);
    if (reportPath === undefined) return { ok: false, message: howToProduceReport(root) };
    const report = readReport(reportPath, toSlashes(relative(root, reportPath)));
    if (typeof report === 'string') return { ok: false, message: report };
    const measured = report.modules.filter((module) => module.statements > 0);
    const shownReport = toSlashes(relative(root, reportPath));
    const scope = reportScope(
      root,
      report.sourceRoots,
      measured.map((module) => module.path),
    );
    const leftOut = leftOutLine(scope);
    if (scope.modules.length === 0)
      return {
        ok: false,
        message: `${shownReport} lists no module of this repository${leftOut === undefined ? '' : ` (${leftOut})`}: measure your package with pytest --cov=PACKAGE --cov-branch --cov-report=xml, then run trackgen init again`,
      };
    if (leftOut !== undefined) notes.push(leftOut);
    // Without branch data no module can reach TRUE 100%: the campaign's measure needs it.
    if (!report.totals.hasBranchData)
      warnings.push(
        `${shownReport} has no branch data: run pytest with --cov-branch (pytest --cov=PACKAGE --cov-branch --cov-report=xml)`,
      );
    const paths = scope.modules;
    const ids = moduleIds(paths);
    const modules = paths.map((path, index) => ({ id: ids[index] ?? path, path }));
    const content = projectFileText({
      name: projectName(root),
      schema: schemaFrom(projectPath, 'project.schema.json'),
      coverageReport: toSlashes(relative(dataDir, reportPath)),
      modules,
    });
    steps.push({
      kind: 'create',
      path: projectPath,
      content,
      about: `${plural(modules.length, 'module')} of ${shownReport} in "Phase 1"`,
    });
  }

  const packagePath = join(root, 'package.json');
  if (existsSync(packagePath)) {
    const edit = addDocsScript(readFileSync(packagePath, 'utf8'));
    if (edit.status === 'added')
      steps.push({
        kind: 'edit',
        path: packagePath,
        content: edit.text,
        about: 'added "docs": "trackgen generate" to "scripts"',
      });
    else if (edit.status === 'present')
      steps.push({
        kind: 'keep',
        path: packagePath,
        about: 'already has "docs": "trackgen generate"',
      });
    else if (edit.status === 'other')
      steps.push({
        kind: 'keep',
        path: packagePath,
        about: `its "docs" script is ${JSON.stringify(edit.existing)}; add trackgen generate to it yourself`,
      });
    else
      steps.push({
        kind: 'keep',
        path: packagePath,
        about:
          'not valid JSON (npm would reject it too); left alone: add "docs": "trackgen generate" to its scripts yourself',
      });
  }
  return { ok: true, report: reportPath, steps, notes, warnings };
}

/** The report, or what is wrong with it: an unreadable report is the person's to fix, like none. */
function readReport(path: string, shownAs: string): CoverageReport | string {
  try {
    return readCoverageReport(path, shownAs);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
}

/** The installed package's schemas when the repository has it, else where an install will put them. */
function schemasDirectory(root: string): { path: string; installed: boolean } {
  const dependency = join(root, 'node_modules', 'trackgen', 'schemas');
  if (existsSync(dependency)) return { path: dependency, installed: true };
  const own = fileURLToPath(new URL('../../schemas', import.meta.url));
  if (!relative(root, own).startsWith('..') && existsSync(own))
    return { path: own, installed: true };
  return { path: dependency, installed: false };
}

/** [project] name of pyproject.toml (or Poetry's), else the folder's name. */
function projectName(root: string): string {
  const pyproject = join(root, 'pyproject.toml');
  const text = existsSync(pyproject) ? readFileSync(pyproject, 'utf8') : '';
  return /^\s*name\s*=\s*["']([^"']+)["']/m.exec(text)?.[1] ?? basename(root);
}

/** "left out 59 files: 57 outside the repository or in site-packages, 2 tests; …", or nothing. */
function leftOutLine(scope: ReportScope): string | undefined {
  const total = scope.outside + scope.tests;
  if (total === 0) return undefined;
  const parts = [
    ...(scope.outside > 0 ? [`${scope.outside} outside the repository or in site-packages`] : []),
    ...(scope.tests > 0 ? [plural(scope.tests, 'test')] : []),
  ];
  return `left out ${plural(total, 'file')}: ${parts.join(', ')}; measure your package with pytest --cov=PACKAGE`;
}
