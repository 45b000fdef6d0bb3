import { JsonBytes } from './json-bytes.js';
import { inPropertyOrder } from './property-order.js';

/**
 * Names the JSON coverage formats people confuse with coverage.py's, looking only at the
 * root's members (already checked JSON): `rootValues` maps each root key to where its value
 * starts, undefined when the root is no object.
 */
export function describeForeignJson(
  bytes: Buffer,
  rootValues: ReadonlyMap<string, number> | undefined,
): string {
  const expectation =
    'trackgen reads Cobertura XML or coverage.py JSON (an object with "meta" and "files")';
  if (rootValues !== undefined) {
    const first = inPropertyOrder(rootValues)[0];
    if (first !== undefined && objectKeys(bytes, first[1])?.has('statementMap') === true)
      return `this is an Istanbul JSON coverage report (coverage-final.json); ${expectation}`;
    const total = rootValues.get('total');
    if (total !== undefined && objectKeys(bytes, total)?.has('lines') === true)
      return `this is an Istanbul JSON summary (coverage-summary.json); ${expectation}`;
  }
  return `this JSON is not a coverage.py report; ${expectation}`;
}

/** The keys of the object whose `{` is at `start`; undefined for any other value. */
function objectKeys(bytes: Buffer, start: number): Set<string> | undefined {
  const cursor = new JsonBytes(bytes, start);
  if (cursor.skipSpace() !== 0x7b) return undefined;
  const keys = new Set<string>();
  if (cursor.openObject()) return keys;
  do {
    keys.add(cursor.expectKey());
    cursor.skipValue();
  } while (cursor.nextMember(0x7d));
  return keys;
}
