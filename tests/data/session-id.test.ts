import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareSessionIds,
  parseSessionId,
  sameSession,
  sessionFileName,
  sessionIdFromFileName,
  type SessionId,
} from '../../src/data/session-id.js';
import { summaryPath } from '../../src/config/outputs.js';

const letter = fc.stringMatching(/^[A-Za-z]$/);
const sessionId: fc.Arbitrary<SessionId> = fc.oneof(
  fc.integer({ min: 1, max: 5000 }),
  fc
    .tuple(fc.integer({ min: 1, max: 5000 }), letter)
    .map(([number, suffix]) => `${number}${suffix}`),
);

describe('session ids', () => {
  it('order 61 < 61a < 61b < 62, and 129A after 129', () => {
    const ids: SessionId[] = [62, '61b', 61, '61a', '129A', 129, 9];
    expect([...ids].sort(compareSessionIds)).toEqual([9, 61, '61a', '61b', 62, 129, '129A']);
  });

  it('order file names as they order the ids, for the numbers three digits pad alike', () => {
    const padded: fc.Arbitrary<SessionId> = fc.oneof(
      fc.integer({ min: 1, max: 999 }),
      fc
        .tuple(fc.integer({ min: 1, max: 999 }), letter)
        .map(([number, suffix]) => `${number}${suffix}`),
    );
    fc.assert(
      fc.property(padded, padded, (a, b) => {
        const [x, y] = [sessionFileName(a).toLowerCase(), sessionFileName(b).toLowerCase()];
        expect(Math.sign(x < y ? -1 : x > y ? 1 : 0)).toBe(Math.sign(compareSessionIds(a, b)));
      }),
    );
  });

  it('is a total order: antisymmetric and transitive', () => {
    fc.assert(
      fc.property(sessionId, sessionId, sessionId, (a, b, c) => {
        expect(Math.sign(compareSessionIds(a, b))).toBe(-Math.sign(compareSessionIds(b, a)) || 0);
        if (compareSessionIds(a, b) <= 0 && compareSessionIds(b, c) <= 0)
          expect(compareSessionIds(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('round-trip through the file name, the flag text and the summary name', () => {
    fc.assert(
      fc.property(sessionId, (id) => {
        expect(sessionIdFromFileName(sessionFileName(id))).toEqual(id);
        expect(parseSessionId(String(id))).toEqual(id);
        const summary = summaryPath('SESSION_{session}_SUMMARY.md', id);
        const back = parseSessionId(/^SESSION_(\w+?)_SUMMARY\.md$/.exec(summary)?.[1] ?? '');
        expect(back !== undefined && sameSession(back, id)).toBe(true);
      }),
    );
  });

  it('names files and summaries with the letter kept', () => {
    expect(sessionFileName('61a')).toBe('061a.json');
    expect(sessionFileName(7)).toBe('007.json');
    expect(summaryPath('SESSION_{session}_SUMMARY.md', '61a')).toBe('SESSION_61a_SUMMARY.md');
    expect(parseSessionId('0')).toBeUndefined();
    expect(parseSessionId('61ab')).toBeUndefined();
  });
});
