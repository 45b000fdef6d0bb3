/**
 * The cheap way to a Plan: when the inputs' fingerprint equals the last run's, reuse its fresh
 * renderings and merge outcomes, re-merging only documents whose file changed since. Imports
 * nothing heavy (no zod, no Handlebars, no remark unless a changed file needs a full parse).
 */
import { readFileSync } from 'node:fs';
import type { Settings } from '../config/settings.js';
import type { MergeResult } from '../merge/index.js';
import type { Plan, PlannedFile } from './plan.js';
import { unvalidatedReportPaths } from './report-paths.js';
import {
  cacheDirectory,
  fingerprint,
  readFresh,
  readState,
  sha256,
  STATE_VERSION,
  statKey,
  writeState,
  type CachedFile,
  type CacheState,
} from './run-cache.js';

export interface CacheKey {
  readonly directory: string;
  readonly fingerprint: string;
}

/** The cache key for a run, or undefined when the project has no cache (or TRACKGEN_NO_CACHE=1). */
export function cacheKey(
  settings: Settings,
  configText: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): CacheKey | undefined {
  const directory = cacheDirectory(settings.root, env);
  if (directory === undefined) return undefined;
  // The fingerprint covers project.json's text, so a hit means this very text passed validation.
  return {
    directory,
    fingerprint: fingerprint(settings, configText, unvalidatedReportPaths(settings)),
  };
}

export async function cachedPlan(
  key: CacheKey,
  settings: Settings,
): Promise<{ plan: Plan; state: CacheState } | undefined> {
  const state = readState(key.directory, settings);
  if (state === undefined || state.fingerprint !== key.fingerprint) return undefined;
  const files: PlannedFile[] = [];
  for (const cached of state.files) {
    if (
      !cached.merge.changed &&
      cached.diskStat !== null &&
      statKey(cached.path) === cached.diskStat
    ) {
      files.push(plannedFromCache(cached));
      continue;
    }
    const existing = readIfExists(cached.path);
    const diskHash = existing === undefined ? null : sha256(existing);
    if (diskHash === cached.diskHash && !cached.merge.changed) {
      files.push(plannedFromCache(cached, existing));
      continue;
    }
    const fresh = readFresh(key.directory, cached.freshHash);
    if (fresh === undefined) return undefined;
    const { mergeDocument } = await import('../merge/index.js');
    const merge = await mergeDocument({ path: cached.shownAs, existing, fresh });
    files.push({
      path: cached.path,
      shownAs: cached.shownAs,
      about: cached.about,
      existing,
      fresh,
      merge,
    });
  }
  const plan: Plan = {
    valid: true,
    model: undefined,
    sources: new Map(state.sources),
    files,
    inputDiagnostics: state.inputDiagnostics,
    diagnostics: [...state.inputDiagnostics, ...files.flatMap((file) => file.merge.diagnostics)],
  };
  return { plan, state };
}

/**
 * A document whose file is as the last run left it. Its text is read only if someone asks
 * (generate and check never do for an unchanged file).
 */
function plannedFromCache(cached: CachedFile, known?: string | undefined): PlannedFile {
  let text = known;
  const existing = (): string | undefined => (text ??= readIfExists(cached.path));
  const merge: MergeResult = {
    get content() {
      return existing() ?? null;
    },
    changed: false,
    diagnostics: cached.merge.diagnostics,
    conflicts: cached.merge.conflicts,
    sections: [],
    handEdited: cached.merge.handEdited,
    updated: [],
    fullParse: false,
  };
  // The fresh text is only needed to merge again; a hit whose file is unchanged never reads it.
  return {
    asLastRunLeftIt: true,
    path: cached.path,
    shownAs: cached.shownAs,
    about: cached.about,
    get existing() {
      return existing();
    },
    fresh: '',
    merge,
  };
}

/**
 * Records a valid plan for the next run. `written` holds what this run put on disk; a file that
 * changed is merged once more against its new content, so the next run starts from an outcome
 * that matches the disk.
 */
export async function rememberPlan(
  key: CacheKey,
  settings: Settings,
  plan: Plan,
  written: ReadonlyMap<string, string>,
  cached?: CacheState,
): Promise<void> {
  if (!plan.valid) return;
  // A plan from the cache leaves the renderings of untouched files unread: keep their entries.
  const previous = new Map(
    (cached ?? readState(key.directory, settings))?.files.map((file) => [file.path, file]) ?? [],
  );
  const { mergeDocument } = await import('../merge/index.js');
  const files: CachedFile[] = [];
  const freshByHash = new Map<string, string>();
  for (const file of plan.files) {
    if (file.fresh === '') {
      // Served from the cache: its rendering is already stored.
      const kept = previous.get(file.path);
      if (kept === undefined) return;
      files.push(kept);
      continue;
    }
    const onDisk = written.get(file.path) ?? file.existing;
    const merge =
      onDisk === file.existing
        ? file.merge
        : await mergeDocument({ path: file.shownAs, existing: onDisk, fresh: file.fresh });
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
  const state: CacheState = {
    version: STATE_VERSION,
    fingerprint: key.fingerprint,
    inputDiagnostics: plan.inputDiagnostics,
    sources: [...plan.sources],
    files,
  };
  try {
    writeState(key.directory, settings, state, freshByHash);
  } catch {
    // A cache that cannot be written (read-only .git, full disk) only costs speed next time.
  }
}

/** Synchronous on purpose: for a thousand small files it is several times faster than promises. */
function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
