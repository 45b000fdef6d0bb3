/**
 * Everything `generate`, `check` and the pre-commit hook share: load and validate the data, read
 * the coverage report, build the view model, render every document and merge each into the file
 * on disk. Nothing is written here; the caller decides.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Settings } from '../config/load.js';
import { loadProjectData, SESSIONS_DIR } from '../data/load.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { lookUpCommits } from '../git/commits.js';
import { mergeDocument, wrapSection, type MergeResult } from '../merge/index.js';
import { buildViewModel, type ViewModel } from '../model/index.js';
import { renderDocuments, type RenderedDocument } from '../render/documents.js';
import { BUILT_IN_TEMPLATES, createRenderer, loadTemplateSet } from '../render/templates.js';
import { readProjectCoverage } from './read-coverage.js';

export interface PlanOptions {
  readonly cwd: string;
  readonly force?: 'all' | ReadonlySet<string>;
  readonly adopt?: boolean;
  /**
   * Where to look up commit hashes in git history: the project root inside the repository
   * (default: settings.root). A caller rendering from a temporary copy passes the real root;
   * false skips git (every commit without "hash" shows as TBD, silently).
   */
  readonly repository?: string | false;
}

export interface PlannedFile {
  readonly path: string;
  /** Relative to the working directory, for messages. */
  readonly shownAs: string;
  readonly about: string;
  readonly existing: string | undefined;
  readonly fresh: string;
  readonly merge: MergeResult;
}

export interface Plan {
  readonly model: ViewModel | undefined;
  readonly files: readonly PlannedFile[];
  /** Every problem of every stage, in the order found. */
  readonly diagnostics: readonly Diagnostic[];
}

export async function planDocuments(settings: Settings, options: PlanOptions): Promise<Plan> {
  const loaded = await loadProjectData(settings.dataDir, { cwd: options.cwd });
  if (loaded.data === undefined) return { model: undefined, files: [], diagnostics: loaded.diagnostics };
  // git runs in a child process while the report is parsed.
  const pendingCommits = options.repository === false ? undefined : lookUpCommits(loaded.data, { repository: options.repository ?? settings.root, sessionsPath: relative(settings.root, join(settings.dataDir, SESSIONS_DIR)).split('\\').join('/') });
  const coverage = readProjectCoverage(settings, loaded.data, options.cwd);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics, ...coverage.diagnostics];
  if (hasErrors(coverage.diagnostics)) {
    pendingCommits?.catch(() => undefined);
    return { model: undefined, files: [], diagnostics };
  }

  const commits = await pendingCommits;
  diagnostics.push(...(commits?.diagnostics ?? []));
  const model = buildViewModel({ data: loaded.data, report: coverage.report, ...(commits === undefined ? {} : { findCommit: commits.findCommit }) });
  diagnostics.push(...model.diagnostics);
  const directories = settings.templatesDir === undefined || settings.templatesDir === BUILT_IN_TEMPLATES.replace(/[\\/]$/, '') ? [BUILT_IN_TEMPLATES] : [BUILT_IN_TEMPLATES, settings.templatesDir];
  const renderer = createRenderer(loadTemplateSet(directories, options.cwd), wrapSection);
  const rendered = renderDocuments(model, renderer, settings.outputs, settings.documents);
  diagnostics.push(...rendered.diagnostics);
  if (hasErrors(rendered.diagnostics)) return { model, files: [], diagnostics };

  const files = await Promise.all(rendered.documents.map((document) => mergeOne(document, settings, options)));
  for (const file of files) diagnostics.push(...file.merge.diagnostics);
  return { model, files, diagnostics };
}

async function mergeOne(document: RenderedDocument, settings: Settings, options: PlanOptions): Promise<PlannedFile> {
  const path = join(settings.outDir, document.path);
  const shownAs = relative(options.cwd, path).split('\\').join('/');
  const existing = await readExisting(path);
  const merge = await mergeDocument({
    path: shownAs,
    existing,
    fresh: document.content,
    ...(options.force === undefined ? {} : { force: options.force }),
    ...(options.adopt === undefined ? {} : { adopt: options.adopt }),
  });
  return { path, shownAs, about: document.about, existing, fresh: document.content, merge };
}

async function readExisting(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
