/**
 * When a report was taken, from its own words: Cobertura's root `timestamp` (coverage.py writes
 * milliseconds since the epoch; some tools write seconds) or coverage.py JSON's
 * `meta.timestamp` (an ISO date-time in the local time of the machine that ran the tests).
 * Session records carry local calendar dates, so a report is placed by its local calendar date.
 */

import type { RawTimestamp } from '../raw/raw-report.js';

export interface ReportTime {
  /** The report's calendar date, "YYYY-MM-DD". */
  readonly date: string;
  /** The same instant as ISO 8601 (for JSON output and records). */
  readonly instant: string;
}

export type ParsedTime =
  | { readonly ok: true; readonly time: ReportTime }
  | { readonly ok: false; readonly problem: string };

/** Milliseconds below this are taken for seconds: 1e11 ms is 1973, 1e11 s is the year 5138. */
const SECONDS_LIMIT = 1e11;
const ISO_LOCAL =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** `now` is a parameter so the reading stays pure and testable. */
export function parseReportTime(raw: string, now: Date): ParsedTime {
  const value = raw.trim();
  const time = /^\d+(\.\d+)?$/.test(value) ? fromEpoch(Number(value)) : fromIso(value);
  if (time === undefined)
    return {
      ok: false,
      problem: `expected a timestamp (milliseconds since 1970, or an ISO date-time), found ${JSON.stringify(raw)}; the report is treated as current`,
    };
  // A day of slack: a report's local time may be ahead of this machine's UTC.
  if (Date.parse(time.instant) > now.getTime() + 24 * 3600 * 1000)
    return {
      ok: false,
      problem: `the report's timestamp ${time.instant} lies in the future; the report is treated as current`,
    };
  return { ok: true, time };
}

function fromEpoch(number: number): ReportTime | undefined {
  const milliseconds = number < SECONDS_LIMIT ? number * 1000 : number;
  const date = new Date(milliseconds);
  if (Number.isNaN(date.getTime())) return undefined;
  // Session dates are local calendar dates (new-session writes today's), so this one is too.
  const local = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return { date: local, instant: date.toISOString() };
}

function fromIso(value: string): ReportTime | undefined {
  const match = ISO_LOCAL.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', zone] = match;
  const local = `${year}-${month}-${day}T${hour}:${minute}:${second}`;
  const parsed = new Date(`${local}${zone === undefined ? 'Z' : normaliseZone(zone)}`);
  if (Number.isNaN(parsed.getTime())) return undefined;
  // The calendar date is the one the report states (a local time stays on its own day).
  const check = new Date(`${year}-${month}-${day}T00:00:00Z`);
  if (!check.toISOString().startsWith(`${year}-${month}-${day}`)) return undefined;
  return { date: `${year}-${month}-${day}`, instant: parsed.toISOString() };
}

function normaliseZone(zone: string): string {
  return zone === 'Z' || zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/** The newest of several reports' times (reports of split CI jobs are one run). */
export function newestTime(times: readonly (ReportTime | undefined)[]): ReportTime | undefined {
  let newest: ReportTime | undefined;
  for (const time of times)
    if (time !== undefined && (newest === undefined || time.instant > newest.instant))
      newest = time;
  return newest;
}

/** The raw `timestamp` attribute of a Cobertura root element, from the file's first bytes. */
export function coberturaTimestamp(head: string): RawTimestamp | undefined {
  const root = /<coverage\b[^>]*>/.exec(head);
  if (root === null) return undefined;
  const attribute = /\stimestamp\s*=\s*(["'])([^"']*)\1/.exec(root[0]);
  if (attribute === null) return undefined;
  const valueOffset = root.index + attribute.index + attribute[0].indexOf(attribute[1] ?? '"') + 1;
  return { value: attribute[2] ?? '', offset: Buffer.byteLength(head.slice(0, valueOffset)) };
}
