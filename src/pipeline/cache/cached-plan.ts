/**
 * The run cache as a layer around the pipeline: when the inputs' fingerprint equals the last
 * run's, the last run's renderings and merge outcomes serve, and only documents whose file
 * changed since are merged again. Imports nothing heavy (no zod, no Handlebars; remark only when
 * a changed file needs a full parse).
 */
import {
  findConfig,
  unvalidatedSettings,
  type Flags,
  type Settings,
} from '../../config/settings.js';
import { documentBounds } from '../output-paths.js';
import { readDocumentSync } from '../read-document.js';
import type { FileAsLastRunLeftIt, MergedFile, Plan, PlannedFile } from '../planned-file.js';
import { unvalidatedReportPaths } from '../report-paths.js';
import type { PlanCache } from '../run.js';
import { BADGE_ABOUT, wholeFile } from '../whole-file.js';
import { fingerprint } from './fingerprint.js';
import { reportCache, type ReportCache } from './report-cache.js';
import {
  cacheDirectory,
  readFresh,
  readState,
  sha256,
  STATE_VERSION,
  statKey,
  writeState,
  type CachedFile,
  type CacheState,
  type UnpackedState,
} from './store.js';

/**
 * The cache for one run in `cwd` with these flags, or undefined when the project has none
 * (no git directory or node_modules above it, TRACKGEN_NO_CACHE=1, a config that does not parse).
 */
export function openRunCache(
  cwd: string,
  flags: Flags,
  env: Readonly<Record<string, string | undefined>>,
): PlanCache | undefined {
  const source = findConfig(cwd);
  // Unvalidated on purpose: the fingerprint covers the config's and project.json's text, so a
  // hit means this very text passed validation on the run that stored it.
  const settings = unvalidatedSettings(cwd, flags, source);
  if (settings === undefined) return undefined;
  const directory = cacheDirectory(settings.root, env);
  if (directory === undefined) return undefined;
  const { key, reportDigests, dataFiles } = fingerprint(
    settings,
    source.text,
    unvalidatedReportPaths(settings),
    STATE_VERSION,
  );
  return new RunCache(directory, key, settings, reportDigests, dataFiles);
}

class RunCache implements PlanCache {
  /** The state a plan was served from: its entries stand for the files not merged again. */
  private served: CacheState | undefined;
  readonly reports: ReportCache;

  constructor(
    private readonly directory: string,
    private readonly key: string,
    private readonly settings: Settings,
    reportDigests: ReadonlyMap<string, string | undefined>,
    readonly dataFiles: ReadonlyMap<string, Buffer>,
  ) {
    this.reports = reportCache(directory, reportDigests);
  }

  async lookUp(): Promise<Plan | undefined> {
    const state = readState(this.directory, this.settings);
    if (state === undefined || state.fingerprint !== this.key) return undefined;
    this.served = state;
    const files: PlannedFile[] = [];
    for (const cached of state.files) {
      const file = await this.plannedFile(cached);
      if (file === undefined) {
        this.served = undefined;
        return undefined;
      }
      files.push(file);
    }
    return {
      valid: true,
      model: undefined,
      sources: new Map(state.sources),
      bounds: documentBounds(this.settings),
      files,
      inputDiagnostics: state.inputDiagnostics,
      diagnostics: [...state.inputDiagnostics, ...files.flatMap((file) => file.merge.diagnostics)],
    };
  }

  /** Undefined when the file changed and its stored rendering is gone: the whole hit is off. */
  private async plannedFile(cached: CachedFile): Promise<PlannedFile | undefined> {
    const asLeft: FileAsLastRunLeftIt = {
      kind: 'as-last-run-left-it',
      path: cached.path,
      shownAs: cached.shownAs,
      about: cached.about,
      merge: cached.merge,
    };
    let existing: string | undefined;
    try {
      if (cached.merge.changed) {
        const read = readDocumentSync(cached.path, cached.shownAs);
        return read.problem === undefined ? await this.mergedAgain(cached, read.text) : undefined;
      }
      // Size and time unchanged: the file is not even read.
      if (cached.diskStat !== null && statKey(cached.path) === cached.diskStat) return asLeft;
      // Bytes that are not UTF-8: the full run refuses the file, with their position.
      const read = readDocumentSync(cached.path, cached.shownAs);
      if (read.problem !== undefined) return undefined;
      existing = read.text;
    } catch {
      // A directory in the document's place, a file gone unreadable: no hit; the full run
      // reports the problem with its place, as it would with no cache.
      return undefined;
    }
    const diskHash = existing === undefined ? null : sha256(existing);
    return diskHash === cached.diskHash ? asLeft : this.mergedAgain(cached, existing);
  }

  private async mergedAgain(
    cached: CachedFile,
    existing: string | undefined,
  ): Promise<MergedFile | undefined> {
    const fresh =
      this.served === undefined
        ? undefined
        : readFresh(this.directory, this.served, cached.freshHash);
    if (fresh === undefined) return undefined;
    const merge =
      cached.about === BADGE_ABOUT
        ? wholeFile(existing, fresh)
        : await (
            await import('../../merge/index.js')
          ).mergeDocument({ path: cached.shownAs, existing, fresh });
    return {
      kind: 'merged',
      path: cached.path,
      shownAs: cached.shownAs,
      about: cached.about,
      existing,
      fresh,
      merge,
    };
  }

  /**
   * Records a valid plan for the next run. `written` holds what this run put on disk; a file
   * that changed is merged once more against its new content, so the next run starts from an
   * outcome that matches the disk. A plan served whole, with nothing merged again, is already
   * recorded.
   */
  async remember(plan: Plan, written: ReadonlyMap<string, string>): Promise<void> {
    if (!plan.valid) return;
    if (this.served !== undefined && plan.files.every((file) => file.kind !== 'merged')) return;
    const previousState = this.served ?? readState(this.directory, this.settings);
    const previous = new Map(previousState?.files.map((file) => [file.path, file]) ?? []);
    const files: CachedFile[] = [];
    const freshByHash = new Map<string, string>();
    for (const file of plan.files) {
      if (file.kind === 'as-last-run-left-it') {
        // Its rendering is stored already, under the entry it was served from.
        const kept = previous.get(file.path);
        if (kept === undefined) return;
        files.push(kept);
        continue;
      }
      const onDisk = written.get(file.path) ?? file.existing;
      const merge =
        onDisk === file.existing
          ? file.merge
          : file.existing === undefined && onDisk === file.merge.content
            ? // A file this run created merges again unchanged, finding what its creation found
              // (tests/merge/properties.test.ts): a thousand new documents are not merged twice.
              { ...file.merge, changed: false, conflicts: [], handEdited: [] }
            : await (
                await import('../../merge/index.js')
              ).mergeDocument({ path: file.shownAs, existing: onDisk, fresh: file.fresh });
      const freshHash = sha256(file.fresh);
      freshByHash.set(freshHash, file.fresh);
      files.push({
        path: file.path,
        shownAs: file.shownAs,
        about: file.about,
        freshHash,
        diskHash: onDisk === undefined ? null : sha256(onDisk),
        diskStat: onDisk === undefined ? null : statKey(file.path),
        merge: {
          changed: merge.changed,
          diagnostics: merge.diagnostics,
          conflicts: merge.conflicts,
          handEdited: merge.handEdited,
        },
      });
    }
    const state: UnpackedState = {
      version: STATE_VERSION,
      fingerprint: this.key,
      inputDiagnostics: plan.inputDiagnostics,
      sources: [...plan.sources],
      files,
    };
    try {
      writeState(this.directory, this.settings, state, freshByHash, previousState);
    } catch {
      // A cache that cannot be written (read-only .git, full disk) only costs speed next time.
    }
  }
}
