/**
 * Where the run cache keeps its state: inside the repository's git directory (`.git/trackgen/`),
 * or in `node_modules/.cache/trackgen/`, never in the work tree; without either, there is none.
 * A state records, for one fingerprint of the inputs, each document's fresh rendering (stored
 * once per content, by hash) and what merging it into the file on disk gave.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Settings } from '../../config/settings.js';
import type { Diagnostic } from '../../diagnostics.js';
import { readIfExistsSync } from '../../fs/read-if-exists.js';
import { gitDirectoryAt } from '../../git/directory.js';
import { writeFileAtomicallySync } from '../../write/atomic.js';
import type { DocumentSources, MergeSummary } from '../planned-file.js';

export const STATE_VERSION = 3;

export const sha256 = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** Where the cache of a project rooted at `root` lives, or undefined when it has none. */
export function cacheDirectory(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (env['TRACKGEN_NO_CACHE'] === '1') return undefined;
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    const gitDir = gitDirectoryAt(join(dir, '.git'));
    if (gitDir !== undefined) return join(gitDir, 'trackgen');
    if (existsSync(join(dir, 'node_modules')))
      return join(dir, 'node_modules', '.cache', 'trackgen');
    if (dirname(dir) === dir) return undefined;
  }
}

/** "size:mtime" of a file, or null when there is none; nanosecond times make same-size rewrites show. */
export function statKey(path: string): string | null {
  try {
    const info = statSync(path, { bigint: true });
    return `${info.size}:${info.mtimeNs}`;
  } catch {
    return null;
  }
}

export interface CachedFile {
  readonly path: string;
  readonly shownAs: string;
  readonly about: string;
  readonly freshHash: string;
  /** Hash of the file on disk the merge below was computed against; null: no file. */
  readonly diskHash: string | null;
  /** Size and modification time of that file: when both still match, it is not even read. */
  readonly diskStat: string | null;
  /**
   * The per-section outcomes are not kept (they were most of the state's size); only `accept`
   * reads them, and it always runs every stage.
   */
  readonly merge: MergeSummary;
}

export interface CacheState {
  readonly version: number;
  readonly fingerprint: string;
  readonly inputDiagnostics: readonly Diagnostic[];
  readonly sources: readonly (readonly [string, DocumentSources])[];
  readonly files: readonly CachedFile[];
}

function stateFile(cacheDir: string, settings: Settings): string {
  return join(cacheDir, `state-${sha256(JSON.stringify(settings)).slice(0, 16)}.json`);
}

export function readState(cacheDir: string, settings: Settings): CacheState | undefined {
  try {
    const text = readIfExistsSync(stateFile(cacheDir, settings));
    const state = text === undefined ? undefined : (JSON.parse(text) as CacheState);
    return state?.version === STATE_VERSION ? state : undefined;
  } catch {
    return undefined;
  }
}

/** A stored rendering, checked against its hash: a damaged one is a miss, not a wrong document. */
export function readFresh(cacheDir: string, freshHash: string): string | undefined {
  try {
    const content = readIfExistsSync(join(cacheDir, 'fresh', `${freshHash}.md`));
    return content !== undefined && sha256(content) === freshHash ? content : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the state and the fresh renderings it names; renderings no state names are removed. */
export function writeState(
  cacheDir: string,
  settings: Settings,
  state: CacheState,
  freshByHash: ReadonlyMap<string, string>,
): void {
  const freshDir = join(cacheDir, 'fresh');
  mkdirSync(freshDir, { recursive: true });
  let added = false;
  for (const [hash, content] of freshByHash) {
    const path = join(freshDir, `${hash}.md`);
    if (existsSync(path)) continue;
    writeFileAtomicallySync(path, content);
    added = true;
  }
  writeFileAtomicallySync(stateFile(cacheDir, settings), JSON.stringify(state));
  // Renderings only go stale when new ones replace them: prune then, not on every run.
  if (!added) return;
  const referenced = new Set<string>();
  for (const name of listOrEmpty(cacheDir)) {
    if (!name.startsWith('state-')) continue;
    try {
      const other = readIfExistsSync(join(cacheDir, name)) ?? '{}';
      for (const file of (JSON.parse(other) as Partial<CacheState>).files ?? [])
        referenced.add(`${file.freshHash}.md`);
    } catch {
      rmSync(join(cacheDir, name), { force: true });
    }
  }
  for (const name of listOrEmpty(freshDir))
    if (!referenced.has(name)) rmSync(join(freshDir, name), { force: true });
}

function listOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
