/**
 * A run whose inputs have not changed since the last one should cost little more than reading
 * the files: no schema library, no templates, no view model. The cache records, for a
 * fingerprint of every input (data, report, templates, config, git HEAD, trackgen's own build),
 * each document's fresh rendering and what merging it into the file on disk gave. A later run
 * with the same fingerprint re-merges only the documents whose file changed since.
 *
 * The cache lives inside the repository's git directory (`.git/trackgen/`), or in
 * `node_modules/.cache/trackgen/`, never in the work tree; without either, there is none.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Settings } from '../config/settings.js';
import type { Diagnostic } from '../diagnostics.js';

export const STATE_VERSION = 3;
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const sha256 = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** Where the cache of a project rooted at `root` lives, or undefined when it has none. */
export function cacheDirectory(
  root: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (env['TRACKGEN_NO_CACHE'] === '1') return undefined;
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const gitDir = gitDirectoryAt(dotGit);
    if (gitDir !== undefined) return join(gitDir, 'trackgen');
    if (existsSync(join(dir, 'node_modules')))
      return join(dir, 'node_modules', '.cache', 'trackgen');
    if (dirname(dir) === dir) return undefined;
  }
}

/** `.git` is a directory, or in a worktree a file saying `gitdir: …`. */
function gitDirectoryAt(dotGit: string): string | undefined {
  try {
    const info = statSync(dotGit);
    if (info.isDirectory()) return dotGit;
    const match = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'));
    return match?.[1] === undefined ? undefined : resolve(dirname(dotGit), match[1].trim());
  } catch {
    return undefined;
  }
}

/**
 * A digest of everything a run reads. Any change — a byte of a record, a template, the config,
 * a new commit, a rebuilt trackgen — gives a different fingerprint.
 */
export function fingerprint(
  settings: Settings,
  configText: string | undefined,
  reportPaths: readonly string[],
): string {
  const hash = createHash('sha256');
  const add = (label: string, content: string | Buffer | undefined) => {
    hash.update(
      `\u0000${label}\u0000${content === undefined ? '\u0001missing' : content.length}\u0000`,
    );
    if (content !== undefined) hash.update(content);
  };
  add('version', String(STATE_VERSION));
  add('settings', JSON.stringify(settings));
  add('config', configText);
  add('build', buildStamp());
  add('project', readOrUndefined(join(settings.dataDir, 'project.json')));
  const sessionsDir = join(settings.dataDir, 'sessions');
  for (const entry of listOrEmpty(sessionsDir))
    add(`session:${entry}`, readOrUndefined(join(sessionsDir, entry)));
  for (const path of reportPaths) add(`report:${path}`, readOrUndefined(path));
  for (const dir of [join(PACKAGE_ROOT, 'templates'), settings.templatesDir]) {
    if (dir === undefined) continue;
    for (const sub of ['', 'partials']) {
      for (const entry of listOrEmpty(join(dir, sub)))
        add(`template:${dir}/${sub}/${entry}`, readOrUndefined(join(dir, sub, entry)));
    }
  }
  add('git', gitHead(settings.root));
  return hash.digest('hex');
}

/** Sizes and times of trackgen's own built files: a rebuild invalidates every cache. */
function buildStamp(): string {
  const dist = join(PACKAGE_ROOT, 'dist');
  const stamps: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.js')) {
        const info = statSync(path);
        stamps.push(`${path}:${info.size}:${info.mtimeMs}`);
      }
    }
  };
  if (existsSync(dist)) walk(dist);
  return stamps.join('\n');
}

/** HEAD and the commit it names, read from files: commits from git history are an input too. */
function gitHead(root: string): string {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    const gitDir = gitDirectoryAt(join(dir, '.git'));
    if (gitDir !== undefined) {
      const head = readOrUndefined(join(gitDir, 'HEAD'))?.toString('utf8') ?? '';
      const ref = /^ref:\s*(.+)$/m.exec(head)?.[1]?.trim();
      const commonDir = readOrUndefined(join(gitDir, 'commondir'))?.toString('utf8').trim();
      const refsRoot = commonDir === undefined ? gitDir : resolve(gitDir, commonDir);
      const target =
        ref === undefined
          ? ''
          : (readOrUndefined(join(refsRoot, ref))?.toString('utf8') ??
            readOrUndefined(join(refsRoot, 'packed-refs'))?.toString('utf8') ??
            '');
      return `${head}\n${target}`;
    }
    if (dirname(dir) === dir) return 'no git';
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

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

function listOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/**
 * What merging one fresh rendering into one file content gave: what generate and check report.
 * The per-section outcomes are not kept (they were most of the state's size); only `accept`
 * reads them, and it always runs every stage.
 */
export interface CachedMerge {
  readonly changed: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly conflicts: readonly {
    readonly sectionId: string;
    readonly line: number;
    readonly diff: string;
  }[];
  readonly handEdited: readonly string[];
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
  readonly merge: CachedMerge;
}

export interface CacheState {
  readonly version: number;
  readonly fingerprint: string;
  readonly inputDiagnostics: readonly Diagnostic[];
  readonly sources: readonly (readonly [
    string,
    { readonly records: readonly string[]; readonly report: readonly string[] },
  ])[];
  readonly files: readonly CachedFile[];
}

function stateFile(cacheDir: string, settings: Settings): string {
  return join(cacheDir, `state-${sha256(JSON.stringify(settings)).slice(0, 16)}.json`);
}

export function readState(cacheDir: string, settings: Settings): CacheState | undefined {
  try {
    const state = JSON.parse(readFileSync(stateFile(cacheDir, settings), 'utf8')) as CacheState;
    return state.version === STATE_VERSION ? state : undefined;
  } catch {
    return undefined;
  }
}

export function readFresh(cacheDir: string, freshHash: string): string | undefined {
  const content = readOrUndefined(join(cacheDir, 'fresh', `${freshHash}.md`))?.toString('utf8');
  return content !== undefined && sha256(content) === freshHash ? content : undefined;
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
    writeAtomically(path, content);
    added = true;
  }
  writeAtomically(stateFile(cacheDir, settings), JSON.stringify(state));
  // Renderings only go stale when new ones replace them: prune then, not on every run.
  if (!added) return;
  const referenced = new Set<string>();
  for (const name of listOrEmpty(cacheDir)) {
    if (!name.startsWith('state-')) continue;
    const other = readOrUndefined(join(cacheDir, name))?.toString('utf8');
    try {
      for (const file of (JSON.parse(other ?? '{}') as Partial<CacheState>).files ?? [])
        referenced.add(`${file.freshHash}.md`);
    } catch {
      rmSync(join(cacheDir, name), { force: true });
    }
  }
  for (const name of listOrEmpty(freshDir))
    if (!referenced.has(name)) rmSync(join(freshDir, name), { force: true });
}

function writeAtomically(path: string, content: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}
