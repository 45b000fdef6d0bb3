/**
 * Watches files with chokidar and calls `run` after they change: debounced (a save that writes
 * three times runs once), one run at a time (changes during a run start another when it ends),
 * until the signal aborts.
 *
 * Plain `fs.watch` goes deaf after a save by rename (sed -i, editors' atomic saves): the watch is
 * on the old file. chokidar follows renames, but not a watched folder that is removed and comes
 * back, nor a path that does not exist yet. So each folder that must be seen to appear or go is
 * watched from the nearest existing folder above it (one level deep), and the watchers are armed
 * again whenever one of those changes, after every run (the config may name other inputs), and
 * when a watched folder is replaced or its watcher fails.
 *
 * A folder removed and made again (or checked out again) often gets the same inode back, and
 * chokidar reports only "change" events for it while its fs.watch stays on the deleted folder:
 * so a folder is known by its inode and birth time, checked after every run and every second.
 * A folder still being filled while its watcher scans it can hide a subfolder made between
 * chokidar's read of the folder and its fs.watch: the folders are listed before and after
 * arming, and the watchers are armed again once they stop changing.
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FSWatcher } from 'chokidar';
import { isWithin } from './paths.js';

export interface WatchTargets {
  /** Folders watched with everything under them; they need not exist yet. */
  readonly dirs: readonly string[];
  /** Single files; they need not exist yet. */
  readonly files: readonly string[];
  /** Whether a change at this absolute path (a file, or a folder appearing or going) counts. */
  readonly counts: (path: string) => boolean;
  /** Never watched at all: trackgen's own writes. */
  readonly ignored: (path: string) => boolean;
}

export interface WatchOptions {
  /** Asked again after every run: what to watch may change with the config. */
  readonly targets: () => WatchTargets;
  /** Receives the changed paths (absolute), sorted. */
  readonly run: (changed: readonly string[]) => Promise<void>;
  readonly signal: AbortSignal;
  readonly debounceMs?: number;
  /** Runs once the watchers are armed, so a save during it is not missed. */
  readonly initial?: () => Promise<void>;
}

export const DEBOUNCE_MS = 150;

/** How long to wait for a watcher's first scan: one on a folder that vanished meanwhile may never say. */
const READY_TIMEOUT_MS = 5_000;

/** How often the watched folders are checked for having been replaced without an event saying so. */
const REPLACED_CHECK_MS = 1_000;

/** One chokidar watcher: a folder with everything under it, or a folder's own entries. */
interface WatchPoint {
  readonly path: string;
  readonly recursive: boolean;
  /** A folder replaced by another of the same name needs a new watcher (see identityOf). */
  readonly identity: string;
}

const NO_TARGETS: WatchTargets = {
  dirs: [],
  files: [],
  counts: () => false,
  ignored: () => false,
};

export async function watchAndRun(options: WatchOptions): Promise<void> {
  // Loaded here, not at the top: only --watch pays for it (tests/light-paths.test.ts).
  const { watch } = await import('chokidar');
  const debounceMs = options.debounceMs ?? DEBOUNCE_MS;
  const { signal } = options;
  let current = NO_TARGETS;
  let armedKey = '';
  let armedPoints: readonly WatchPoint[] = [];
  let watchers: FSWatcher[] = [];
  /** Set when a watched folder went away or its watcher failed: arm again even if nothing else changed. */
  let stale = false;
  let arming = Promise.resolve();
  /** An arming is queued or under way: the periodic check does not queue another. */
  let armQueued = false;
  let settleTimer: NodeJS.Timeout | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const pending = new Set<string>();

  const open = async (point: WatchPoint): Promise<FSWatcher> => {
    const watcher = watch(point.path, {
      ignoreInitial: true,
      ...(point.recursive ? {} : { depth: 0 }),
      // One level deep, only the folders on the way to a target: chokidar watches each folder
      // it sees, and a watcher left on a folder that is then renamed into place (data.away back
      // to data) leaves the new watcher of that folder deaf.
      ignored: (path: string, stats?: Stats) =>
        current.ignored(path) ||
        (!point.recursive &&
          path !== point.path &&
          stats?.isDirectory() === true &&
          !leadsToTarget(current, path)),
    });
    watcher.on('all', (event, path) => {
      noticed(event, path, point);
    });
    watcher.on('error', () => {
      stale = true;
      rearm();
    });
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => watcher.once('ready', resolve)),
      new Promise<void>((resolve) => (timeout = setTimeout(resolve, READY_TIMEOUT_MS))),
    ]);
    clearTimeout(timeout);
    return watcher;
  };

  const arm = async () => {
    armQueued = false;
    if (signal.aborted) return;
    try {
      current = options.targets();
    } catch {
      // Targets that cannot be listed now are listed again after the next run.
      return;
    }
    const points = watchPoints(current);
    const key = JSON.stringify(points);
    if (key === armedKey && !stale) return;
    stale = false;
    const scanned = snapshot(points, current);
    // The old watchers close first: chokidar shares one fs.watch per path between its watchers,
    // and a new one on a path an old one is closing can be left deaf. A save in between is
    // not lost: runs wait for the arming, and the files are compared with `scanned` below.
    await closeAll();
    // One after the other, folders with everything under them first, for the same reason: a
    // one-level watcher above a folder opened at the same time as the folder's own left the
    // folder's deaf.
    for (const point of [...points].sort((a, b) => Number(b.recursive) - Number(a.recursive)))
      watchers.push(await open(point));
    // A watched folder that appeared, went or was replaced since the last arming is a change in
    // itself, even when the event that said so fell between the watchers.
    const roots = (list: readonly WatchPoint[]) =>
      list.filter((point) => point.recursive).map((point) => `${point.path}\0${point.identity}`);
    const before = roots(armedPoints);
    const now = roots(points);
    if (armedKey !== '')
      for (const root of [...before, ...now]) {
        const [path = ''] = root.split('\0');
        if (before.includes(root) !== now.includes(root) && current.counts(path)) changed(path);
      }
    armedKey = key;
    armedPoints = points;
    // Saves made while no watcher listened (between closing the old ones and the new ones'
    // first scan) run now; a folder that changed meanwhile (a checkout still writing) may hide
    // a subfolder from chokidar: arm again once the folders settle.
    const after = snapshot(watchPoints(current), current);
    const moved = [...new Set([...scanned.keys(), ...after.keys()])].filter(
      (path) => scanned.get(path) !== after.get(path),
    );
    for (const path of moved) if (current.counts(path)) changed(path);
    if (moved.some((path) => isFolderEntry(scanned.get(path)) || isFolderEntry(after.get(path)))) {
      stale = true;
      clearTimeout(settleTimer);
      settleTimer = setTimeout(rearm, debounceMs);
    }
  };
  const rearm = () => {
    armQueued = true;
    arming = arming.then(arm, arm);
  };
  // A watched folder replaced with no event saying so (same inode, chokidar heard only "change").
  const replacedCheck = setInterval(() => {
    if (armQueued || signal.aborted || armedKey === '') return;
    let key: string;
    try {
      key = JSON.stringify(watchPoints(options.targets()));
    } catch {
      return;
    }
    if (key !== armedKey) rearm();
  }, REPLACED_CHECK_MS);
  replacedCheck.unref();
  const closeAll = async () => {
    const all = watchers;
    watchers = [];
    await Promise.all(all.map((watcher) => watcher.close()));
  };

  const noticed = (event: string, path: string, point: WatchPoint) => {
    if (signal.aborted) return;
    // A folder appearing or going beside or above the inputs, or a watched folder going away.
    if (
      ((event === 'addDir' || event === 'unlinkDir') && !point.recursive) ||
      (event === 'unlinkDir' && path === point.path)
    ) {
      if (path === point.path) stale = true;
      rearm();
    }
    if (current.counts(path)) changed(path);
  };
  const changed = (path: string) => {
    pending.add(path);
    clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  const start = (work: () => Promise<void>) => {
    // A run's own failures are reported by the run; anything escaping must not end the process.
    // Runs wait for the watchers being armed, so a save during the run is seen.
    running = arming
      .then(work)
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        if (signal.aborted) return;
        rearm();
        if (pending.size > 0) timer = setTimeout(flush, debounceMs);
      });
  };
  const flush = () => {
    if (running !== undefined || pending.size === 0 || signal.aborted) return;
    const batch = [...pending].sort();
    pending.clear();
    start(() => options.run(batch));
  };

  await new Promise<void>((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      clearTimeout(settleTimer);
      clearInterval(replacedCheck);
      void Promise.all([arming, running]).then(closeAll).finally(resolve);
    };
    if (signal.aborted) {
      stop();
      return;
    }
    signal.addEventListener('abort', stop, { once: true });
    rearm();
    if (options.initial !== undefined) start(options.initial);
  });
}

/**
 * The watchers the targets need now: each existing target folder with everything under it, and,
 * one level deep, the nearest existing folder above each target (to see a file saved, or a
 * folder created, removed or moved back) unless a recursive watcher covers it already.
 */
function watchPoints(targets: WatchTargets): WatchPoint[] {
  const points: WatchPoint[] = [];
  const existing = targets.dirs.filter((dir) => identityOf(dir) !== undefined);
  const roots = existing.filter(
    (dir, index) =>
      !existing.some((other, at) => at !== index && other !== dir && isWithin(other, dir)) &&
      existing.indexOf(dir) === index,
  );
  for (const dir of roots)
    points.push({ path: dir, recursive: true, identity: identityOf(dir) ?? '' });
  for (const target of [...targets.dirs, ...targets.files]) {
    let dir = dirname(target);
    while (identityOf(dir) === undefined && dirname(dir) !== dir) dir = dirname(dir);
    if (roots.some((root) => isWithin(root, dir))) continue;
    if (points.some((point) => point.path === dir)) continue;
    points.push({ path: dir, recursive: false, identity: identityOf(dir) ?? '' });
  }
  return points.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Whether a folder is a target or lies on the way to one. */
function leadsToTarget(targets: WatchTargets, dir: string): boolean {
  return [...targets.dirs, ...targets.files].some((target) => isWithin(dir, target));
}

/**
 * A folder's inode and birth time: a folder removed and made again often gets the same inode
 * back (ext4), but not the same birth time (0 where the file system keeps none).
 */
function identityOf(path: string): string | undefined {
  try {
    const info = statSync(path, { bigint: true });
    return info.isDirectory() ? `${String(info.ino)}:${String(info.birthtimeNs)}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the watchers are to hear about, as it is now: every folder under the folders watched with
 * everything under them (by identity), every file there that counts and every single file
 * watched (by inode, size and modification time).
 */
function snapshot(points: readonly WatchPoint[], targets: WatchTargets): Map<string, string> {
  const entries = new Map<string, string>();
  const addFile = (path: string) => {
    try {
      const info = statSync(path, { bigint: true });
      entries.set(path, `${String(info.ino)}:${String(info.size)}:${String(info.mtimeNs)}`);
    } catch {
      // Absent: absent in the map.
    }
  };
  const walk = (dir: string) => {
    const identity = identityOf(dir);
    if (identity === undefined) return;
    entries.set(dir, `${FOLDER}${identity}`);
    let children;
    try {
      children = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const child of children) {
      const path = join(dir, child.name);
      if (targets.ignored(path)) continue;
      if (child.isDirectory()) walk(path);
      else if (targets.counts(path)) addFile(path);
    }
  };
  for (const point of points) if (point.recursive) walk(point.path);
  for (const file of targets.files) addFile(file);
  return entries;
}

const FOLDER = 'folder ';
const isFolderEntry = (entry: string | undefined) => entry?.startsWith(FOLDER) === true;
