/**
 * The coverage report as the last run read it, kept beside the run cache's state: a run whose
 * records changed but whose report did not (every session commit the hook regenerates for)
 * neither parses the report nor counts its figures again, nor loads the readers. An entry is
 * found by a digest of the report's bytes, how it is named, which modules' sources are looked
 * up, and trackgen's build; it serves only while every source file it read regions from is as
 * it was.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { STORED_REPORT_VERSION, type StoredReport } from '../../coverage/figures/stored-report.js';
import { sourceCandidates, sourceRootsOf } from '../../coverage/source/regions-beside.js';
import { readIfExistsSync } from '../../fs/read-if-exists.js';
import { writeFileAtomicallySync } from '../../write/atomic.js';
import { buildStamp, reportDigest } from './fingerprint.js';
import { statKey } from './store.js';

/** How the pipeline reads its report: the paths, how messages name them, which sources it wants. */
export interface ReportRequest {
  readonly paths: readonly string[];
  readonly shownAs: readonly string[];
  /** Module paths whose Python source is looked up beside the report (sorted, distinct). */
  readonly tracked: readonly string[];
}

export interface ReportCache {
  /** The stored report for this request, when its inputs are unchanged. */
  lookUp(request: ReportRequest): StoredReport | undefined;
  /** Stores a report read for this request; `wanted` are the report's files sources were sought for. */
  remember(request: ReportRequest, report: StoredReport, wanted: readonly string[]): void;
}

interface Entry {
  readonly key: string;
  /** The report's files whose Python source was looked for. */
  readonly wanted: readonly string[];
  /** The size and time of each place a source was looked for (null: nothing there). */
  readonly sources: readonly (string | null)[];
  readonly report: StoredReport;
}

/** Entries kept: one per report a project switches between (branches, merged reports). */
const KEPT_ENTRIES = 4;

/** `digests`: reports' digests already taken this run (the run cache's fingerprint takes them). */
export function reportCache(
  directory: string,
  digests: ReadonlyMap<string, string | undefined> = new Map(),
): ReportCache {
  const keys = new Map<ReportRequest, string | undefined>();
  const digestOf = (path: string) => (digests.has(path) ? digests.get(path) : reportDigest(path));
  const keyOf = (request: ReportRequest) => {
    if (!keys.has(request)) keys.set(request, requestKey(request, digestOf));
    return keys.get(request);
  };
  return {
    lookUp(request) {
      const key = keyOf(request);
      if (key === undefined) return undefined;
      try {
        const text = readIfExistsSync(entryPath(directory, key));
        if (text === undefined) return undefined;
        const entry = JSON.parse(text) as Entry;
        if (entry.key !== key) return undefined;
        const now = sourcePlaces(request, entry.report.sourceRoots, entry.wanted);
        const same =
          now.length === entry.sources.length &&
          now.every((stat, index) => stat === entry.sources[index]);
        return same ? entry.report : undefined;
      } catch {
        return undefined;
      }
    },
    remember(request, report, wanted) {
      const key = keyOf(request);
      if (key === undefined) return;
      const entry: Entry = {
        key,
        wanted,
        sources: sourcePlaces(request, report.sourceRoots, wanted),
        report,
      };
      try {
        mkdirSync(directory, { recursive: true });
        writeFileAtomicallySync(entryPath(directory, key), JSON.stringify(entry));
        pruneEntries(directory);
      } catch {
        // A cache that cannot be written only costs speed next time.
      }
    },
  };
}

function entryPath(directory: string, key: string): string {
  return join(directory, `report-${key.slice(0, 32)}.json`);
}

/**
 * The report's bytes (not its path: the hook reads a copy in a temporary folder), how it is
 * named, the sources wanted and the build. Undefined when a report is not a regular file: the
 * full read says why.
 */
function requestKey(
  request: ReportRequest,
  digestOf: (path: string) => string | undefined,
): string | undefined {
  const reports = request.paths.map(digestOf);
  if (reports.some((digest) => digest === undefined)) return undefined;
  return createHash('sha256')
    .update(
      JSON.stringify([
        STORED_REPORT_VERSION,
        buildStamp(),
        request.shownAs,
        request.tracked,
        reports,
      ]),
    )
    .digest('hex');
}

/**
 * Where sources were looked for, relative to where the report is now: the same project read from
 * the hook's temporary copy finds none beside the report, read in place it may.
 */
function sourcePlaces(
  request: ReportRequest,
  sourceRoots: readonly string[],
  wanted: readonly string[],
): (string | null)[] {
  const places = request.paths.flatMap((path) =>
    wanted.flatMap((file) => sourceCandidates(file, sourceRootsOf(sourceRoots, path))),
  );
  return [...new Set(places)].map((place) => statKey(place));
}

/** Keeps the newest entries; the names carry no time, so the files' own times decide. */
function pruneEntries(directory: string): void {
  const entries = readdirSync(directory)
    .filter((name) => name.startsWith('report-') && name.endsWith('.json'))
    .map((name) => ({ name, stat: statKey(join(directory, name)) ?? '' }))
    .sort((a, b) => mtimeOf(b.stat) - mtimeOf(a.stat));
  for (const { name } of entries.slice(KEPT_ENTRIES))
    rmSync(join(directory, name), { force: true });
}

function mtimeOf(stat: string): number {
  return Number(stat.split(':')[1] ?? 0);
}
