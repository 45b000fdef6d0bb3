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
