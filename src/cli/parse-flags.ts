import { UsageError } from '../diagnostics.js';

/** A session number (a whole number of at least 1) from a flag; undefined when the flag is absent. */
export function parseSessionNumber(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(
      `${flag} expects a session number (a whole number of at least 1), found ${JSON.stringify(value)}`,
    );
  return Number(value);
}

/** A real calendar date as YYYY-MM-DD from a flag. */
export function parseDate(value: unknown, flag = '--date'): string {
  const text = typeof value === 'string' ? value : '';
  const parsed = new Date(`${text}T00:00:00Z`);
  const real =
    /^\d{4}-\d{2}-\d{2}$/.test(text) &&
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().startsWith(text);
  if (!real)
    throw new UsageError(
      `${flag} expects a real date as YYYY-MM-DD, found ${JSON.stringify(value)}`,
    );
  return text;
}
