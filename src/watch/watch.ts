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
 * when a watched folder is replaced (another inode) or its watcher fails.
 */
import { statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
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

/** One chokidar watcher: a folder with everything under it, or a folder's own entries. */
interface WatchPoint {
  readonly path: string;
  readonly recursive: boolean;
  /** Its inode: a folder replaced by another of the same name needs a new watcher. */
  readonly inode: number;
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
    // The old watchers close first: chokidar shares one fs.watch per path between its watchers,
    // and a new one on a path an old one is closing can be left deaf. A save in between is
    // not lost: runs wait for the arming, and the run after it reads every file afresh.
    await closeAll();
    // One after the other, folders with everything under them first, for the same reason: a
    // one-level watcher above a folder opened at the same time as the folder's own left the
    // folder's deaf.
    for (const point of [...points].sort((a, b) => Number(b.recursive) - Number(a.recursive)))
      watchers.push(await open(point));
    // A watched folder that appeared or went since the last arming is a change in itself, even
    // when the event that said so fell between the watchers.
    const roots = (list: readonly WatchPoint[]) =>
      list.filter((point) => point.recursive).map((point) => point.path);
    const before = roots(armedPoints);
    const now = roots(points);
    if (armedKey !== '')
      for (const path of [...before, ...now])
        if (before.includes(path) !== now.includes(path) && current.counts(path)) changed(path);
    armedKey = key;
    armedPoints = points;
  };
  const rearm = () => {
    arming = arming.then(arm, arm);
  };
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
  const inodeOf = (path: string) => {
    try {
      const info = statSync(path);
      return info.isDirectory() ? info.ino : undefined;
    } catch {
      return undefined;
    }
  };
  const points: WatchPoint[] = [];
  const existing = targets.dirs.filter((dir) => inodeOf(dir) !== undefined);
  const roots = existing.filter(
    (dir, index) =>
      !existing.some((other, at) => at !== index && other !== dir && isWithin(other, dir)) &&
      existing.indexOf(dir) === index,
  );
  for (const dir of roots) points.push({ path: dir, recursive: true, inode: inodeOf(dir) ?? 0 });
  for (const target of [...targets.dirs, ...targets.files]) {
    let dir = dirname(target);
    while (inodeOf(dir) === undefined && dirname(dir) !== dir) dir = dirname(dir);
    if (roots.some((root) => isWithin(root, dir))) continue;
    if (points.some((point) => point.path === dir)) continue;
    points.push({ path: dir, recursive: false, inode: inodeOf(dir) ?? 0 });
  }
  return points.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Whether a folder is a target or lies on the way to one. */
function leadsToTarget(targets: WatchTargets, dir: string): boolean {
  return [...targets.dirs, ...targets.files].some((target) => isWithin(dir, target));
}
