/**
 * Watches files and calls `run` after they change: debounced (a save that writes three times
 * runs once), one run at a time (changes during a run start another when it ends), until the
 * signal aborts. Directories are watched rather than files, because editors save by writing a
 * new file and renaming it over the old one.
 */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { toSlashes } from '../text/paths.js';

export interface WatchTarget {
  readonly dir: string;
  readonly recursive: boolean;
  /** Which changed names (relative to dir, forward slashes) count. */
  readonly accept: (name: string) => boolean;
}

export interface WatchOptions {
  /** Asked again after every run: what to watch may change with the config. */
  readonly targets: () => readonly WatchTarget[];
  /** Receives the changed paths (absolute), sorted. */
  readonly run: (changed: readonly string[]) => Promise<void>;
  readonly signal: AbortSignal;
  readonly debounceMs?: number;
  /** Runs once the watchers are armed, so a save during it is not missed. */
  readonly initial?: () => Promise<void>;
}

export const DEBOUNCE_MS = 150;

export function watchAndRun(options: WatchOptions): Promise<void> {
  const debounceMs = options.debounceMs ?? DEBOUNCE_MS;
  return new Promise((resolve) => {
    let watchers: FSWatcher[] = [];
    let watchedKey = '';
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    const pending = new Set<string>();

    const closeAll = () => {
      for (const watcher of watchers) watcher.close();
      watchers = [];
    };
    const arm = () => {
      const targets = options.targets();
      const key = JSON.stringify(targets.map((target) => [target.dir, target.recursive]));
      if (key === watchedKey) return;
      closeAll();
      watchedKey = key;
      for (const target of targets) {
        const watcher = startWatcher(target, (path) => changed(path));
        if (watcher !== undefined) watchers.push(watcher);
      }
    };
    const changed = (path: string) => {
      if (options.signal.aborted) return;
      pending.add(path);
      clearTimeout(timer);
      timer = setTimeout(flush, debounceMs);
    };
    const start = (work: Promise<void>) => {
      // A run's own failures are reported by the run; anything escaping must not end the process.
      running = work
        .catch(() => undefined)
        .finally(() => {
          running = undefined;
          if (options.signal.aborted) return;
          try {
            arm();
          } catch {
            // Targets that cannot be listed now are listed again after the next run.
          }
          if (pending.size > 0) timer = setTimeout(flush, debounceMs);
        });
    };
    const flush = () => {
      if (running !== undefined || pending.size === 0 || options.signal.aborted) return;
      const batch = [...pending].sort();
      pending.clear();
      start(options.run(batch));
    };
    const stop = () => {
      clearTimeout(timer);
      closeAll();
      void (running ?? Promise.resolve()).then(() => resolve());
    };
    if (options.signal.aborted) return stop();
    options.signal.addEventListener('abort', stop, { once: true });
    arm();
    if (options.initial !== undefined) start(options.initial());
  });
}

function startWatcher(
  target: WatchTarget,
  onChange: (path: string) => void,
): FSWatcher | undefined {
  const listener = (_event: string, name: string | Buffer | null) => {
    if (name === null) return;
    const relative = toSlashes(String(name));
    if (target.accept(relative)) onChange(join(target.dir, relative));
  };
  try {
    const watcher = watch(target.dir, { recursive: target.recursive }, listener);
    // A watched directory that disappears ends its watcher; the next run arms it again if it is back.
    watcher.on('error', () => watcher.close());
    return watcher;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM' && target.recursive)
      return startWatcher({ ...target, recursive: false }, onChange);
    throw error;
  }
}
