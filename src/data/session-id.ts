/**
 * Session ids: a whole number (54), or a number with one letter for a split session ("61a",
 * "129A"). Every place that keys, orders, names or parses sessions goes through here, so that
 * 61 < 61a < 61b < 62 holds alike in the records, the file names, the summaries and the cache.
 * No zod here: the light paths may order sessions without loading the schema.
 */

/** A record's "number": a whole number, or a string of digits and one letter. */
export type SessionId = number | string;

/** Digits, then at most one letter: "61", "61a", "129A". */
export const SESSION_ID_PATTERN = /^(\d+)([A-Za-z]?)$/;
/** The string form a record may use: the letter is required (a plain number is written as one). */
export const SPLIT_SESSION_ID_PATTERN = /^\d+[A-Za-z]$/;
/** A record file: the id's number padded to three digits, its letter after: 054.json, 061a.json. */
export const SESSION_FILE_PATTERN = /^\d{3,}[A-Za-z]?\.json$/;

interface IdParts {
  readonly number: number;
  /** '' for a session that is not split; compared without regard to case. */
  readonly suffix: string;
}

function partsOf(id: SessionId): IdParts {
  if (typeof id === 'number') return { number: id, suffix: '' };
  const match = SESSION_ID_PATTERN.exec(id);
  if (match === null) return { number: Number.NaN, suffix: id };
  return { number: Number(match[1]), suffix: match[2] ?? '' };
}

/** The number a session id starts with: 61 for "61a". */
export function sessionBaseNumber(id: SessionId): number {
  return partsOf(id).number;
}

/** Orders 61 < 61a < 61b < 62; negative, zero or positive like any comparator. */
export function compareSessionIds(a: SessionId, b: SessionId): number {
  const left = partsOf(a);
  const right = partsOf(b);
  if (left.number !== right.number) return left.number - right.number;
  const x = left.suffix.toLowerCase();
  const y = right.suffix.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** One session: 61a and 61A are the same (their files would collide on many file systems). */
export function sameSession(a: SessionId, b: SessionId): boolean {
  return compareSessionIds(a, b) === 0;
}

/** The key a map of sessions uses: "61", "61a" (letter in lower case). */
export function sessionKey(id: SessionId): string {
  const { number, suffix } = partsOf(id);
  return `${String(number)}${suffix.toLowerCase()}`;
}

/** The id as written, for messages and documents: 54, "61a". */
export function formatSessionId(id: SessionId): string {
  return String(id);
}

/** The id padded to `width` digits, its letter kept: (61a, 3) gives "061a". */
export function paddedSessionId(id: SessionId, width: number): string {
  const { number, suffix } = partsOf(id);
  return `${String(number).padStart(width, '0')}${suffix}`;
}

/** A session's record file name: 054.json, 061a.json. */
export function sessionFileName(id: SessionId): string {
  return `${paddedSessionId(id, 3)}.json`;
}

/** The id a record file name stands for (054.json gives 54, 061a.json gives "61a"). */
export function sessionIdFromFileName(fileName: string): SessionId | undefined {
  return parseSessionId(fileName.replace(/\.json$/i, ''));
}

/**
 * The id a person typed ("54", "061", "61a"); undefined when it is not one, is 0, or is past 2^53
 * (where the number would no longer be the one typed, and the record would not validate).
 */
export function parseSessionId(text: string): SessionId | undefined {
  const match = SESSION_ID_PATTERN.exec(text.trim());
  if (match === null) return undefined;
  const number = Number(match[1]);
  if (number < 1 || !Number.isSafeInteger(number)) return undefined;
  const suffix = match[2] ?? '';
  return suffix === '' ? number : `${String(number)}${suffix}`;
}
