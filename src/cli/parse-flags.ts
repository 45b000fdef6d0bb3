import { UsageError } from '../diagnostics.js';

/** A session number (a whole number of at least 1) from a flag; undefined when the flag is absent. */
export function parseSessionNumber(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  // Past 2^53 the number would no longer be the one typed, and the record would not validate.
  if (
    typeof value !== 'string' ||
    !/^\d+$/.test(value) ||
    Number(value) < 1 ||
    !Number.isSafeInteger(Number(value))
  )
    throw new UsageError(
      `${flag} expects a session number (a whole number from 1 to ${Number.MAX_SAFE_INTEGER}), found ${JSON.stringify(value)}`,
    );
  return Number(value);
}
