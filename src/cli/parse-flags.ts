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
