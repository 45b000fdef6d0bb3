/**
 * `trackgen check` with nothing changed, without the pipeline: a passing check records the
 * files and folders it read (config, records, report, templates, the documents) with a digest of
 * their content; the next check with the same trackgen build, working directory, flags and git
 * HEAD re-hashes exactly those and, when nothing differs, prints what the full run printed.
 * Only passing runs are recorded, so a problem is always reported by a full run.
 *
 * The record lives in node_modules/.cache/trackgen/ beside the project, else in the git folder
 * (.git/trackgen-cache/); with neither, with TRACKGEN_CACHE=0, or when running from src/
 * rather than the build, nothing is recorded.
 * Node built-ins only: this module is loaded on every check.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CheckInputs {
  /** Files whose content (or absence) the result depends on. */
  readonly files: readonly string[];
  /** Folders whose listing (or absence) the result depends on. */
  readonly dirs: readonly string[];
}

export interface CheckOutput {
  readonly stdout: string;
  readonly stderr: string;
}

export interface CheckRun {
  readonly cwd: string;
  /** The parsed flags, as they decide what the run reads and prints. */
  readonly flags: unknown;
  readonly env: Readonly<Record<string, string | undefined>>;
}

interface Entry extends CheckInputs, CheckOutput {
  readonly digest: string;
}

export function cachedCheck(run: CheckRun): CheckOutput | undefined {
  const file = entryFile(run);
  if (file === undefined) return undefined;
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as Entry;
    return digest(entry) === entry.digest ? { stdout: entry.stdout, stderr: entry.stderr } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `startedAt` is Date.now() from before the run read anything: an input changed since (an editor
 * saving, a watcher writing) may not be what the run saw, so nothing is recorded then.
 */
export function recordCheck(run: CheckRun, inputs: CheckInputs, output: CheckOutput, startedAt: number): void {
  const file = entryFile(run);
  if (file === undefined || changedSince(inputs, startedAt)) return;
  try {
    const entry: Entry = { files: [...inputs.files], dirs: [...inputs.dirs], digest: digest(inputs), ...output };
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(entry));
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs time.
  }
}

/** File systems with coarse timestamps round down by up to 2 s: be as cautious. */
function changedSince(inputs: CheckInputs, startedAt: number): boolean {
  return [...inputs.files, ...inputs.dirs].some((path) => (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) >= startedAt - 2000);
}

function entryFile(run: CheckRun): string | undefined {
  // From src/ (tests, tsx) any module may have changed since the record: only dist/ is a build.
  if (run.env['TRACKGEN_CACHE'] === '0' || import.meta.url.endsWith('.ts')) return undefined;
  const directory = cacheDirectory(run.cwd);
  if (directory === undefined) return undefined;
  const key = createHash('sha256')
    .update(JSON.stringify([buildIdentity(), resolve(run.cwd), run.flags, run.env['TZ'] ?? '', gitHead(run.cwd)]))
    .digest('hex');
  return join(directory, `check-${key.slice(0, 40)}.json`);
}

function digest(inputs: CheckInputs): string {
  const hash = createHash('sha256');
  for (const file of inputs.files) {
    hash.update(`${file}\0`);
    try {
      hash.update(readFileSync(file));
    } catch {
      hash.update('\0absent');
    }
    hash.update('\0');
  }
  for (const dir of inputs.dirs) {
    hash.update(`${dir}/\0`);
    try {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) hash.update(`${entry.name}${entry.isDirectory() ? '/' : ''}\0`);
    } catch {
      hash.update('\0absent');
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Every build rewrites dist/ (and npm install of another version replaces it). */
function buildIdentity(): string {
  const stamp = (url: URL) => {
    try {
      const info = statSync(fileURLToPath(url));
      return `${info.mtimeMs}:${info.size}`;
    } catch {
      return 'absent';
    }
  };
  return [stamp(new URL(import.meta.url)), stamp(new URL('../render/precompiled-templates.json', import.meta.url)), stamp(new URL('../../package.json', import.meta.url))].join(' ');
}

function cacheDirectory(cwd: string): string | undefined {
  if (existsSync(join(cwd, 'node_modules'))) return join(cwd, 'node_modules', '.cache', 'trackgen');
  const gitDir = findGitDir(cwd);
  return gitDir === undefined ? undefined : join(gitDir, 'trackgen-cache');
}

function findGitDir(cwd: string): string | undefined {
  for (let directory = resolve(cwd); ; directory = dirname(directory)) {
    const dotGit = join(directory, '.git');
    try {
      if (statSync(dotGit).isDirectory()) return dotGit;
      const pointer = /^gitdir: (.*)$/m.exec(readFileSync(dotGit, 'utf8'));
      return pointer?.[1] === undefined ? undefined : resolve(directory, pointer[1].trim());
    } catch {
      // not here
    }
    if (dirname(directory) === directory) return undefined;
  }
}

/** The commit checked out, read from the git folder (no git process): documents may name commits. */
function gitHead(cwd: string): string {
  const gitDir = findGitDir(cwd);
  if (gitDir === undefined) return '';
  try {
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    const ref = /^ref: (.+)$/.exec(head)?.[1];
    if (ref === undefined) return head;
    const commonDir = existsSync(join(gitDir, 'commondir')) ? resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim()) : gitDir;
    for (const base of [gitDir, commonDir]) {
      try {
        return `${ref} ${readFileSync(join(base, ref), 'utf8').trim()}`;
      } catch {
        // packed, or in the common folder
      }
    }
    const packed = readFileSync(join(commonDir, 'packed-refs'), 'utf8');
    return `${ref} ${new RegExp(`^([0-9a-f]+) ${ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm').exec(packed)?.[1] ?? 'unborn'}`;
  } catch {
    return 'unknown';
  }
}
