/**
 * Everything `generate`, `check` and the pre-commit hook share: load and validate the data, read
 * the coverage report, build the view model, render every document and merge each into the file
 * on disk. Nothing is written here; the caller decides.
 */
import { join, relative } from 'node:path';
import type { Settings } from '../config/settings.js';
import { loadProjectData, SESSIONS_DIR, type ProjectData } from '../data/load.js';
import { sessionKey, type SessionId } from '../data/session-id.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import type { CommitBeingMade } from '../git/being-made.js';
import { lookUpCommits } from '../git/commits.js';
import { readCommitChanges, sessionChanges, type CommitChanges } from '../git/changes.js';
import type { Session } from '../data/schema.js';
import { mergeDocument, wrapSection, type MergeInput, type MergeResult } from '../merge/index.js';
import { buildViewModel, type ViewModel } from '../model/index.js';
import { renderDocuments, type RenderedDocument } from '../render/documents.js';
import { BUILT_IN_TEMPLATES, createRenderer, loadTemplateSet } from '../render/templates.js';
import { toSlashes } from '../text/paths.js';
import { documentBounds, outDirDiagnostics, outputPathDiagnostics } from './output-paths.js';
import { boundsCheck, type BoundsCheck } from '../write/safe-path.js';
import { readTestFiles, testFileDiagnostics } from '../test-results/index.js';
import type { DocumentSources, MergedFile, Plan } from './planned-file.js';
import { readProjectCoverage } from './read-coverage.js';
import { readDocumentSync } from './read-document.js';
import { documentSections, resolveSectionTargets } from './section-targets.js';
import { BADGE_ABOUT, wholeFile } from './whole-file.js';
import { coverageBadge } from '../coverage/output/badge.js';
import type { ReportCache } from './cache/report-cache.js';
import { readIfExists } from '../fs/read-if-exists.js';
import { NotARegularFile } from '../fs/regular-file.js';

export interface PlanOptions {
  readonly cwd: string;
  /** `--force`: every section, or the arguments as given (`ID` or `FILE:ID`). */
  readonly force?: 'all' | readonly string[];
  readonly adopt?: boolean;
  /** With adopt: repair mojibake in the documents adopted. */
  readonly repairEncoding?: boolean;
  /** outDir was named with `--out`: it may then be outside the project (never in the data). */
  readonly outDirFromFlag?: boolean;
  /**
   * Where to look up commit hashes in git history: the project root inside the repository
   * (default: settings.root). A caller rendering from a temporary copy passes the real root;
   * false skips git (every commit without "hash" shows as TBD, silently).
   */
  readonly repository?: string | false;
  /** Render for a commit being made (the hook, `check --staged`) or as one was made (`check`). */
  readonly beingMade?: CommitBeingMade;
  /** Where the report read last time is kept (the run cache's folder); none: always read. */
  readonly reportCache?: ReportCache;
  /** Data files this run already read (the run cache's fingerprint), by path: not read again. */
  readonly dataFiles?: ReadonlyMap<string, Buffer>;
}

function invalid(diagnostics: readonly Diagnostic[], model?: ViewModel): Plan<MergedFile> {
  return {
    valid: false,
    model,
    sources: new Map(),
    files: [],
    inputDiagnostics: diagnostics,
    diagnostics,
  };
}

/** The full run: every stage, every document rendered and merged. */
export async function planDocuments(
  settings: Settings,
  options: PlanOptions,
): Promise<Plan<MergedFile>> {
  const outDirProblems = outDirDiagnostics(
    settings,
    options.outDirFromFlag !== true,
    configShownAs(settings, options.cwd),
  );
  if (outDirProblems.length > 0) return invalid(outDirProblems);
  const loaded = await loadProjectData(settings.dataDir, {
    cwd: options.cwd,
    ...(options.dataFiles === undefined ? {} : { alreadyRead: options.dataFiles }),
  });
  if (loaded.data === undefined) return invalid(loaded.diagnostics);
  // git runs in a child process while the report is parsed.
  const pendingCommits =
    options.repository === false
      ? undefined
      : lookUpCommits(loaded.data, {
          repository: options.repository ?? settings.root,
          sessionsPath: toSlashes(relative(settings.root, join(settings.dataDir, SESSIONS_DIR))),
          ...(options.beingMade === undefined ? {} : { beingMade: options.beingMade }),
        });
  const coverage = await readProjectCoverage(
    settings,
    loaded.data,
    options.cwd,
    options.reportCache,
  );
  const diagnostics: Diagnostic[] = [...loaded.diagnostics, ...coverage.diagnostics];
  if (hasErrors(coverage.diagnostics)) {
    pendingCommits?.catch(() => undefined);
    return invalid(diagnostics);
  }

  const commits = await pendingCommits;
  diagnostics.push(...(commits?.diagnostics ?? []));
  const changes =
    options.repository === false
      ? undefined
      : await changesBySession(
          loaded.data,
          options.repository ?? settings.root,
          commits?.findCommit,
        );
  const testFiles = readTestFiles(loaded.data, settings.root);
  diagnostics.push(...testFileDiagnostics(loaded.data, testFiles));
  const model = buildViewModel({
    data: loaded.data,
    testFiles,
    ...(changes === undefined ? {} : { changes }),
    report: coverage.report,
    outputs: settings.outputs,
    true100Count: settings.true100Count,
    ...(commits === undefined
      ? {}
      : { findCommit: commits.findCommit, isThisCommit: commits.isThisCommit }),
  });
  diagnostics.push(...model.diagnostics);
  const directories =
    settings.templatesDir === undefined ||
    settings.templatesDir === BUILT_IN_TEMPLATES.replace(/[\\/]$/, '')
      ? [BUILT_IN_TEMPLATES]
      : [BUILT_IN_TEMPLATES, settings.templatesDir];
  const renderer = await createRenderer(loadTemplateSet(directories, options.cwd), wrapSection);
  const rendered = renderDocuments(model, renderer, settings.outputs, settings.documents);
  diagnostics.push(...rendered.diagnostics);
  const badge = settings.outputs.badge;
  const pathProblems = outputPathDiagnostics(
    badge === undefined
      ? rendered.documents
      : [...rendered.documents, { path: badge, about: BADGE_ABOUT, content: '' }],
    configShownAs(settings, options.cwd),
  );
  diagnostics.push(...pathProblems);
  if (hasErrors(rendered.diagnostics) || pathProblems.length > 0)
    return invalid(diagnostics, model);
  const sources = documentSources(loaded.data, coverage.report?.source);

  // One after another: measured 3x faster than all at once for a thousand documents.
  const files: MergedFile[] = [];
  const bounds = documentBounds(settings);
  const check = boundsCheck(bounds);
  const named = options.force === 'all' ? undefined : options.force;
  const firstPass = options.force === 'all' ? 'all' : undefined;
  for (const document of rendered.documents)
    files.push(await mergeOne(document, { settings, options, check }, firstPass));
  if (named !== undefined)
    await forceNamed(files, named, rendered.documents, { settings, options, check });
  if (settings.outputs.badge !== undefined)
    files.push(
      await badgeFile(
        settings.outputs.badge,
        coverageBadge(coverage.report?.totals.percent, {
          goal: loaded.data.project.coverageGoal,
        }),
        settings,
        options,
      ),
    );
  return {
    valid: true,
    model,
    sources,
    bounds,
    files,
    inputDiagnostics: diagnostics,
    diagnostics: [...diagnostics, ...files.flatMap((file) => file.merge.diagnostics)],
  };
}

function configShownAs(settings: Settings, cwd: string): string {
  return settings.configFile === undefined
    ? 'trackgen.config.json'
    : toSlashes(relative(cwd, settings.configFile));
}

/** A document path that cannot be read (a directory, no permission) is that file's problem only. */
function unreadable(shownAs: string, error: unknown): MergeResult {
  const code = (error as NodeJS.ErrnoException).code;
  const found =
    error instanceof NotARegularFile
      ? error.kind
      : code === 'EISDIR'
        ? 'a directory'
        : code === 'ENOTDIR'
          ? 'a file where a folder should be on its path'
          : code === 'EACCES' || code === 'EPERM'
            ? 'a file without read permission'
            : (code ?? String(error));
  return refused([
    {
      file: shownAs,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'unreadable',
      message: `expected a Markdown file (or nothing) at this path, found ${found}`,
    },
  ]);
}

/** A document the run must not touch: not written, its problems reported. */
function refused(diagnostics: Diagnostic[]): MergeResult {
  return {
    content: null,
    changed: false,
    diagnostics,
    conflicts: [],
    sections: [],
    handEdited: [],
    updated: [],
    fullParse: false,
  };
}

function documentSources(
  data: ProjectData,
  report: string | undefined,
): Map<string, DocumentSources> {
  const reports = report === undefined ? [] : [report];
  const sources = new Map<string, DocumentSources>();
  const recordsOf = (filter: (number: SessionId, phase: number) => boolean) =>
    data.sessions
      .filter(({ session }) => filter(session.number, session.phase))
      .map(({ source }) => source.file);
  for (const phase of data.project.phases) {
    sources.set(`phase ${phase.number}`, {
      records: [
        data.projectSource.file,
        ...recordsOf((_, sessionPhase) => sessionPhase === phase.number),
      ],
      report: reports,
    });
  }
  for (const { session, source } of data.sessions)
    sources.set(`session ${sessionKey(session.number)}`, { records: [source.file], report: [] });
  sources.set('lessons', {
    records: data.sessions
      .filter(
        ({ session }) => (session.lessons ?? []).length > 0 || (session.patterns ?? []).length > 0,
      )
      .map(({ source }) => source.file),
    report: reports,
  });
  return sources;
}

/**
 * `--force ID…`: the documents each id names are merged again with it; a bare id that several
 * documents have is refused (UsageError), one that none has is passed to every document, whose
 * merge says so.
 */
async function forceNamed(
  files: MergedFile[],
  named: readonly string[],
  documents: readonly RenderedDocument[],
  run: MergeRun,
): Promise<void> {
  const { options } = run;
  const { byPath, unknown } = resolveSectionTargets(
    named,
    documentSections(files),
    options.cwd,
    '--force',
  );
  for (const [index, file] of files.entries()) {
    const ids = new Set([...(byPath.get(file.path) ?? []), ...unknown]);
    const document = documents[index];
    if (ids.size === 0 || document === undefined || file.merge.content === null) continue;
    files[index] = await mergeOne(document, run, ids);
  }
}

/** What merging each document of one run shares. */
interface MergeRun {
  readonly settings: Settings;
  readonly options: PlanOptions;
  readonly check: BoundsCheck;
}

async function mergeOne(
  document: RenderedDocument,
  { settings, options, check }: MergeRun,
  force: MergeInput['force'],
): Promise<MergedFile> {
  const path = join(settings.outDir, document.path);
  const shownAs = toSlashes(relative(options.cwd, path));
  const refuse = (merge: MergeResult): MergedFile => ({
    kind: 'merged',
    path,
    shownAs,
    about: document.about,
    existing: undefined,
    fresh: document.content,
    merge,
  });
  let existing: string | undefined;
  try {
    const outside = check(path);
    if (outside !== undefined)
      return refuse(
        refused([
          {
            file: shownAs,
            line: 1,
            column: 1,
            severity: 'error',
            rule: 'output-path',
            message: outside,
          },
        ]),
      );
    const read = readDocumentSync(path, shownAs);
    if (read.problem !== undefined) return refuse(refused([read.problem]));
    existing = read.text;
  } catch (error) {
    return refuse(unreadable(shownAs, error));
  }
  const merge = await mergeDocument({
    path: shownAs,
    existing,
    fresh: document.content,
    ...(force === undefined ? {} : { force }),
    ...(options.adopt === undefined ? {} : { adopt: options.adopt }),
    ...(options.repairEncoding === true ? { repairEncoding: true } : {}),
  });
  return {
    kind: 'merged',
    path,
    shownAs,
    about: document.about,
    existing,
    fresh: document.content,
    merge,
  };
}

/** What each session's commits changed, for the sessions with a commit git knows. */
async function changesBySession(
  data: ProjectData,
  repository: string,
  findCommit: ((session: Session, message: string) => string | undefined) | undefined,
): Promise<ReadonlyMap<string, CommitChanges>> {
  const hashes = new Map<string, string[]>();
  for (const { session } of data.sessions) {
    const known = (session.commits ?? []).flatMap((commit) => {
      const hash = commit.hash ?? findCommit?.(session, commit.message);
      return hash === undefined ? [] : [hash];
    });
    if (known.length > 0) hashes.set(sessionKey(session.number), known);
  }
  const byHash = await readCommitChanges(repository, [...hashes.values()].flat());
  const changes = new Map<string, CommitChanges>();
  for (const [key, sessionHashes] of hashes) {
    const found = sessionChanges(
      sessionHashes.flatMap((hash) => {
        const commit = byHash.get(hash);
        return commit === undefined ? [] : [commit];
      }),
    );
    if (found !== undefined) changes.set(key, found);
  }
  return changes;
}

/** The coverage badge: written whole, never merged. */
async function badgeFile(
  output: string,
  fresh: string,
  settings: Settings,
  options: PlanOptions,
): Promise<MergedFile> {
  const path = join(settings.outDir, output);
  const shownAs = toSlashes(relative(options.cwd, path));
  let existing: string | undefined;
  try {
    existing = await readIfExists(path);
  } catch (error) {
    return {
      kind: 'merged',
      path,
      shownAs,
      about: BADGE_ABOUT,
      existing: undefined,
      fresh,
      merge: unreadable(shownAs, error),
    };
  }
  return {
    kind: 'merged',
    path,
    shownAs,
    about: BADGE_ABOUT,
    existing,
    fresh,
    merge: wholeFile(existing, fresh),
  };
}
