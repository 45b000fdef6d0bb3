import { parseSessionId, type SessionId } from '../data/session-id.js';
import { UsageError } from '../diagnostics.js';

/** A session id (54, or 61a for a split session) from a flag; undefined when the flag is absent. */
export function parseSessionNumber(value: unknown, flag: string): SessionId | undefined {
  if (value === undefined) return undefined;
  const id = typeof value === 'string' ? parseSessionId(value) : undefined;
  if (id === undefined)
    throw new UsageError(
      `${flag} expects a session number (a whole number from 1 to ${Number.MAX_SAFE_INTEGER}, or one with a letter like 61a), found ${JSON.stringify(value)}`,
    );
  return id;
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
