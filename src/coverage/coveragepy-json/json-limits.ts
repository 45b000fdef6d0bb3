import { ScanError } from '../raw/raw-report.js';

/**
 * Bounds on a JSON report, counted as it is read: arrays and objects (each `[`, `{`) and values
 * (each `,` plus the containers). Sized so that a report of coverage.py's shape up to
 * MAX_REPORT_BYTES (256 MiB) is read: coverage.py writes about 2.6 million arrays and objects
 * and 22 million values per 100 MiB with branch arcs.
 */
export const MAX_JSON_CONTAINERS = 8_000_000;
export const MAX_JSON_VALUES = 64_000_000;

/** The ScanError for the byte at `offset` that goes past a bound. */
export function tooMany(offset: number, what: string): ScanError {
  return new ScanError(
    offset,
    `expected a coverage.py report of at most ${what.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}, found more (is this really one report?)`,
  );
}

/** A short view of any JSON value for a message, never walking deeper than one level. */
export function previewJson(value: unknown, room = 60): string {
  const text = shallow(value, 2);
  return text.length > room ? `${text.slice(0, room)}…` : text;
}

function shallow(value: unknown, depth: number): string {
  if (Array.isArray(value)) {
    if (depth === 0) return value.length === 0 ? '[]' : '[…]';
    const items = value.slice(0, 8).map((item) => shallow(item, depth - 1));
    return `[${items.join(',')}${value.length > 8 ? ',…' : ''}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (depth === 0) return keys.length === 0 ? '{}' : '{…}';
    const entries = keys
      .slice(0, 4)
      .map(
        (key) =>
          `${JSON.stringify(key)}:${shallow((value as Record<string, unknown>)[key], depth - 1)}`,
      );
    return `{${entries.join(',')}${keys.length > 4 ? ',…' : ''}}`;
  }
  // Parsed JSON holds no undefined or functions, so there is always a text.
  return JSON.stringify(value);
}
