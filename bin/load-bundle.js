// Runs the bundle (dist/bundle/trackgen.cjs, from scripts/bundle.js) as Node runs a CommonJS
// file, but compiled through node:vm with V8's code cache: the code a run compiled is kept in a
// file, and the next run of the same command loads it instead of parsing and compiling the
// bundle again. Node 20 offers no such cache for ES modules, and the pre-commit hook starts this
// code at every commit. A cache that cannot be read or written only costs that speed; V8 itself
// refuses a cache made by another V8 or with other flags, and the file is then written again.
'use strict';
const {
  closeSync,
  constants,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} = require('node:fs');
const { isAscii } = require('node:buffer');
const { createRequire } = require('node:module');
const { basename, dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'bundle', 'trackgen.cjs');
const CONTENT_LINE = /^\/\/ trackgen bundle sha256=([0-9a-f]{64})\n/;
// Far above any real cache (about 1 MB): a larger file is not ours.
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Where the caches live: `node_modules/.cache/trackgen`, where babel, eslint and others keep
 * theirs. Installed, that is the `node_modules` trackgen sits in; in a clone, the clone's own.
 */
function codeCacheDir(packageRoot) {
  const parent = dirname(packageRoot);
  return basename(parent) === 'node_modules'
    ? join(parent, '.cache', 'trackgen')
    : join(packageRoot, 'node_modules', '.cache', 'trackgen');
}

/** FNV-1a, 32 bits: enough to tell flag sets apart in a file name without loading node:crypto. */
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++)
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * The cache file for one run. Each command keeps its own (a cache holds the code its first run
 * compiled: `--help` would leave the hook's pipeline out), and so do other Node versions and
 * options, which V8 would refuse: two nodes (a GUI client's and a shell's, or one started with
 * options) then do not overwrite each other's cache at every run.
 */
function codeCacheName(bundleSha256, argv, execArgv, version, arch) {
  const words = [];
  for (const arg of argv) {
    if (words.length === 2 || !/^[a-z][a-z-]{0,23}$/.test(arg)) break;
    words.push(arg);
  }
  const command = words.length === 0 ? 'default' : words.join('-');
  const runtime = fnv1a([version, arch, ...execArgv].join('\0'));
  return `${bundleSha256.slice(0, 16)}-${command}-${runtime}.v8cache`;
}

/** The cache's bytes, or undefined for a file that is missing, not a regular file or too large. */
function readCache(file) {
  let fd;
  try {
    // Non-blocking: a FIFO put in the cache's place must not hang the run.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = fstatSync(fd);
    return stats.isFile() && stats.size <= MAX_CACHE_BYTES ? readFileSync(fd) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes the cache whole or not at all, and removes the caches of other builds of the bundle. */
function writeCache(file, script, bundleSha256) {
  const dir = dirname(file);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(temporary, script.createCachedData(), { flag: 'wx' });
    renameSync(temporary, file);
    for (const name of readdirSync(dir))
      if (name.endsWith('.v8cache') && !name.startsWith(bundleSha256.slice(0, 16)))
        rmSync(join(dir, name), { force: true });
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // The folder is not there to hold it either.
    }
  }
}

/** The bundle's text. */
function readBundleSource() {
  // Read as bytes and decoded here: readFileSync(…, 'utf8') costs Node 20 twice as much, and an
  // ASCII bundle needs no UTF-8 decoding at all.
  const bytes = readFileSync(BUNDLE);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}

/** The bundle compiled as Node wraps a CommonJS file, with V8's cached code when given some. */
function compileBundle(source, cachedData) {
  // The wrapper starts on the bundle's first line, so line numbers in stack traces stay true.
  return new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    cachedData,
  });
}

/**
 * This run's cache file, or undefined when there is none. NODE_DISABLE_COMPILE_CACHE, Node's own
 * switch for its compile cache, turns this one off too; so does V8 coverage (NODE_V8_COVERAGE),
 * which needs code compiled with its counters.
 */
function cacheFileFor(bundleSha256) {
  const { NODE_DISABLE_COMPILE_CACHE: disabled = '', NODE_V8_COVERAGE: coverage = '' } =
    process.env;
  if (bundleSha256 === undefined || disabled !== '' || coverage !== '') return undefined;
  const argv = process.argv.slice(2);
  const name = codeCacheName(bundleSha256, argv, process.execArgv, process.version, process.arch);
  return join(codeCacheDir(dirname(__dirname)), name);
}

/** Runs the bundle and returns its exports. */
function loadBundle() {
  const source = readBundleSource();
  const bundleSha256 = CONTENT_LINE.exec(source)?.[1];
  const cacheFile = cacheFileFor(bundleSha256);
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
  const script = compileBundle(source, cachedData);
  const bundle = { exports: {} };
  script
    .runInThisContext()
    .call(bundle.exports, bundle.exports, createRequire(BUNDLE), bundle, BUNDLE, dirname(BUNDLE));
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected === true))
    // At exit, so that the cache holds every function this run compiled. A usage error (exit 2)
    // ran little of the command and leaves no cache.
    process.once('exit', (code) => {
      if (code === 0 || code === 1) writeCache(cacheFile, script, bundleSha256);
    });
  return bundle.exports;
}

module.exports = {
  BUNDLE,
  codeCacheDir,
  codeCacheName,
  compileBundle,
  loadBundle,
  readBundleSource,
};
