import fc from 'fast-check';
import { expect, test } from 'vitest';
import type { Session } from '../../src/data/schema.js';
import { completionsBySession, modulesCompletedBy } from '../../src/model/sessions.js';

const sessionArbitrary = fc.record({
  number: fc.oneof(
    fc.integer({ min: 1, max: 12 }),
    fc
      .tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom('a', 'b', 'B'))
      .map(([number, letter]) => `${String(number)}${letter}`),
  ),
  status: fc.constantFrom('complete', 'in-progress'),
  modules: fc.array(
    fc.record({
      module: fc.constantFrom('m1', 'm2', 'm3', 'm4'),
      outcome: fc.constantFrom('complete', 'in-progress', 'maintained'),
    }),
    { maxLength: 3 },
  ),
});

test('the one-pass completions agree with a scan of every session, for each session', () => {
  fc.assert(
    fc.property(fc.array(sessionArbitrary, { maxLength: 15 }), (records) => {
      const sessions = records as unknown as Session[];
      const completions = completionsBySession(sessions);
      for (const session of sessions) {
        const key = String(session.number).toLowerCase();
        expect([...(completions?.get(key) ?? [])].sort()).toEqual(
          [...modulesCompletedBy(sessions, session.number)].sort(),
        );
      }
    }),
  );
});
