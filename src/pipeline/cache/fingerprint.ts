/**
 * A digest of everything a run reads. Any change — a byte of a record, a template, the config,
 * a new commit, a rebuilt trackgen — gives a different fingerprint. Read from files alone, with
 * no schema library, before the run reads anything: what it describes is never newer than the run.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, existsSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Settings } from '../../config/settings.js';
import { openRegularFile } from '../../fs/regular-file.js';
import { findGitDirectory } from '../../git/directory.js';

const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Fingerprint {
  readonly key: string;
  /** Each report's digest (reportDigest), taken while fingerprinting: no report is read twice. */
  readonly reportDigests: ReadonlyMap<string, string | undefined>;
  /** The data files read to take it (project.json, the records), by path: the run's data. */
  readonly dataFiles: ReadonlyMap<string, Buffer>;
}

export function fingerprint(
  settings: Settings,
  configText: string | undefined,
  reportPaths: readonly string[],
  version: number,
): Fingerprint {
  const hash = createHash('sha256');
  const add = (label: string, content: string | Buffer | undefined) => {
    hash.update(
      `\u0000${label}\u0000${content === undefined ? '\u0001missing' : content.length}\u0000`,
    );
    if (content !== undefined) hash.update(content);
  };
  add('version', String(version));
  add('settings', JSON.stringify(settings));
  add('config', configText);
  add('build', buildStamp());
  const addFile = (label: string, path: string) => {
    if (!hashFile(hash, label, path)) add(label, undefined);
  };
  const dataFiles = new Map<string, Buffer>();
  const dataFile = (path: string): Buffer | undefined => {
    const bytes = bytesOf(path);
    if (bytes !== undefined) dataFiles.set(path, bytes);
    return bytes;
  };
  // Added as hashFile adds a file (label, size, bytes): the same digest, and the bytes are kept.
  const projectPath = join(settings.dataDir, 'project.json');
  add('project', dataFile(projectPath));
  const sessionsDir = join(settings.dataDir, 'sessions');
  // Records of one module name the same test file: it is read once, and added for each as
  // hashFile would add it (label, size, bytes), so the digest is what it was.
  const testFiles = new Map<string, Buffer | undefined>();
  for (const entry of listOrEmpty(sessionsDir)) {
    const bytes = dataFile(join(sessionsDir, entry));
    add(`session:${entry}`, bytes);
    // The test file a record names is counted into the documents: an input too.
    const testFile = testFileOf(bytes);
    if (testFile === undefined) continue;
    const path = resolve(settings.root, testFile);
    if (!testFiles.has(path)) testFiles.set(path, bytesOf(path));
    add(`test-file:${testFile}`, testFiles.get(path));
  }
  const reportDigests = new Map<string, string | undefined>();
  for (const path of reportPaths) {
    const digest = reportDigest(path);
    reportDigests.set(path, digest);
    add(`report:${path}`, digest);
  }
  for (const dir of [join(PACKAGE_ROOT, 'templates'), settings.templatesDir]) {
    if (dir === undefined) continue;
    for (const sub of ['', 'partials']) {
      for (const entry of listOrEmpty(join(dir, sub)))
        addFile(`template:${dir}/${sub}/${entry}`, join(dir, sub, entry));
    }
  }
  add('git', gitHead(settings.root));
  return { key: hash.digest('hex'), reportDigests, dataFiles };
}

/** A report's size and bytes as one digest; undefined when it is not a regular file. */
export function reportDigest(path: string): string | undefined {
  const hash = createHash('sha256');
  return hashFile(hash, 'report', path) ? hash.digest('hex') : undefined;
}

/**
 * Adds a file's label, size and bytes to a hash; false (nothing added) when it is not a regular
 * file that can be opened. Read in chunks, regular files only: a report of hundreds of MB is never
 * held whole, and a FIFO or /dev/zero named as an input never blocks or fills the memory here.
 */
export function hashFile(hash: Hash, label: string, path: string): boolean {
  let file: { fd: number; size: number };
  try {
    file = openRegularFile(path);
  } catch {
    return false;
  }
  try {
    hash.update(`\u0000${label}\u0000${file.size}\u0000`);
    const chunk = Buffer.allocUnsafe(Math.min(file.size, 1 << 20));
    for (let position = 0, count = -1; position < file.size && count !== 0; position += count) {
      count = readSync(file.fd, chunk, 0, Math.min(chunk.length, file.size - position), position);
      hash.update(chunk.subarray(0, count));
    }
  } finally {
    closeSync(file.fd);
  }
  return true;
}

let stamp: string | undefined;

/**
 * Sizes and times of trackgen's own built files: a rebuild invalidates every cache. Taken once
 * per process (the run cache and the report cache both ask): the code running is that build.
 */
export function buildStamp(): string {
  stamp ??= readBuildStamp();
  return stamp;
}

function readBuildStamp(): string {
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
  const gitDir = findGitDirectory(root);
  if (gitDir === undefined) return 'no git';
  const head = bytesOf(join(gitDir, 'HEAD'))?.toString('utf8') ?? '';
  const ref = /^ref:\s*(.+)$/m.exec(head)?.[1]?.trim();
  const commonDir = bytesOf(join(gitDir, 'commondir'))?.toString('utf8').trim();
  const refsRoot = commonDir === undefined ? gitDir : resolve(gitDir, commonDir);
  const target =
    ref === undefined
      ? ''
      : (bytesOf(join(refsRoot, ref))?.toString('utf8') ??
        bytesOf(join(refsRoot, 'packed-refs'))?.toString('utf8') ??
        '');
  return `${head}\n${target}`;
}

/**
 * Bytes, not text, and any failure (a directory where a record should be) counts as missing:
 * the fingerprint only has to differ, and the full run then reports the problem with its place.
 */
function bytesOf(path: string): Buffer | undefined {
  try {
    const { fd } = openRegularFile(path);
    try {
      return readFileSync(fd);
    } finally {
      closeSync(fd);
    }
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

/** The "testFile" a record's bytes name, read without a schema; undefined when none. */
function testFileOf(bytes: Buffer | undefined): string | undefined {
  if (bytes === undefined || !bytes.includes('"testFile"')) return undefined;
  try {
    const record = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
    const testFile =
      record !== null && typeof record === 'object'
        ? (record as { testFile?: unknown }).testFile
        : undefined;
    return typeof testFile === 'string' ? testFile : undefined;
  } catch {
    return undefined;
  }
}
