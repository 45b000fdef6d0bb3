/**
 * Where the run cache keeps its state: inside the repository's git directory (`.git/trackgen/`),
 * or in `node_modules/.cache/trackgen/`, never in the work tree; without either, there is none.
 * A state records, for one fingerprint of the inputs, each document's fresh rendering (stored
 * once per content, by hash, in the state's pack file) and what merging it into the file on disk
 * gave.
 */
import { hash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Settings } from '../../config/settings.js';
import type { Diagnostic } from '../../diagnostics.js';
import { readIfExistsSync } from '../../fs/read-if-exists.js';
import { gitDirectoryAt } from '../../git/directory.js';
import { writeFileAtomicallySync } from '../../write/atomic.js';
import type { DocumentSources, MergeSummary } from '../planned-file.js';

export const STATE_VERSION = 4;

/** One-shot (Node >= 20.12): a Hash object per rendering costs more than hashing it. */
export const sha256 = (text: string): string => hash('sha256', text, 'hex');

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
  /** The file holding this state's fresh renderings, one after another. */
  readonly pack: string;
  /** Each rendering's place in the pack: hash -> [byte offset, byte length]. */
  readonly fresh: Readonly<Record<string, readonly [number, number]>>;
}

/** A state before its renderings are placed in a pack. */
export type UnpackedState = Omit<CacheState, 'pack' | 'fresh'>;

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
export function readFresh(
  cacheDir: string,
  state: CacheState,
  freshHash: string,
): string | undefined {
  const place = state.fresh[freshHash];
  if (place === undefined) return undefined;
  try {
    const content = readRange(join(cacheDir, state.pack), place).toString('utf8');
    return sha256(content) === freshHash ? content : undefined;
  } catch {
    return undefined;
  }
}

function readRange(path: string, [offset, length]: readonly [number, number]): Buffer {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(length);
    let filled = 0;
    for (let read = 1; filled < length && read > 0; filled += read)
      read = readSync(fd, bytes, filled, length - filled, offset + filled);
    return bytes.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/**
 * Saves the state with its renderings in one pack file: one file written instead of one per
 * document (a thousand file creations cost more than the rest of a run's writing). Renderings the
 * previous state already packed are reused: when it holds every one needed, its pack serves
 * again and only the state is written. Packs no state names are removed.
 */
export function writeState(
  cacheDir: string,
  settings: Settings,
  state: UnpackedState,
  freshByHash: ReadonlyMap<string, string>,
  previous: CacheState | undefined,
): void {
  mkdirSync(cacheDir, { recursive: true });
  const needed = new Set(state.files.map((file) => file.freshHash));
  const reusable =
    previous !== undefined &&
    [...needed].every((hash) => previous.fresh[hash] !== undefined) &&
    existsSync(join(cacheDir, previous.pack));
  const packed = reusable
    ? repack(previous, needed)
    : newPack(cacheDir, needed, freshByHash, previous);
  if (packed === undefined) return;
  writeFileAtomicallySync(
    stateFile(cacheDir, settings),
    JSON.stringify({ ...state, ...packed } satisfies CacheState),
  );
  if (!reusable) pruneUnnamedPacks(cacheDir);
}

function repack(
  previous: CacheState,
  needed: ReadonlySet<string>,
): Pick<CacheState, 'pack' | 'fresh'> {
  const fresh: Record<string, readonly [number, number]> = {};
  for (const hash of needed) {
    const place = previous.fresh[hash];
    if (place !== undefined) fresh[hash] = place;
  }
  return { pack: previous.pack, fresh };
}

/** Undefined when a rendering is in neither this run nor the previous pack (nothing is stored). */
function newPack(
  cacheDir: string,
  needed: ReadonlySet<string>,
  freshByHash: ReadonlyMap<string, string>,
  previous: CacheState | undefined,
): Pick<CacheState, 'pack' | 'fresh'> | undefined {
  let previousPack: Buffer | undefined;
  const parts: Buffer[] = [];
  const fresh: Record<string, readonly [number, number]> = {};
  let offset = 0;
  for (const hash of needed) {
    let bytes: Buffer | undefined;
    const text = freshByHash.get(hash);
    if (text !== undefined) bytes = Buffer.from(text, 'utf8');
    else {
      const place = previous?.fresh[hash];
      if (previous === undefined || place === undefined) return undefined;
      previousPack ??= readFileSync(join(cacheDir, previous.pack));
      bytes = previousPack.subarray(place[0], place[0] + place[1]);
    }
    parts.push(bytes);
    fresh[hash] = [offset, bytes.length];
    offset += bytes.length;
  }
  const pack = `fresh-${randomBytes(8).toString('hex')}.pack`;
  writeFileAtomicallySync(join(cacheDir, pack), Buffer.concat(parts));
  return { pack, fresh };
}

/** Renderings only go stale when new ones replace them: pruned then, not on every run. */
function pruneUnnamedPacks(cacheDir: string): void {
  const named = new Set<string>();
  const names = listOrEmpty(cacheDir);
  for (const name of names) {
    if (!name.startsWith('state-')) continue;
    try {
      const other = readIfExistsSync(join(cacheDir, name)) ?? '{}';
      const pack = (JSON.parse(other) as Partial<CacheState>).pack;
      if (pack !== undefined) named.add(pack);
    } catch {
      rmSync(join(cacheDir, name), { force: true });
    }
  }
  for (const name of names)
    if (name.startsWith('fresh-') && name.endsWith('.pack') && !named.has(name))
      rmSync(join(cacheDir, name), { force: true });
  // The folder of one file per rendering that earlier versions kept.
  rmSync(join(cacheDir, 'fresh'), { recursive: true, force: true });
}

function listOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
