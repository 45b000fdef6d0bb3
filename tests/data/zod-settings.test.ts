import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { sessionSchema } from '../../src/data/schema.js';

describe("zod's settings", () => {
  it('turn off its JIT (parsers written with new Function) wherever the schemas are loaded', () => {
    expect(z.config().jitless).toBe(true);
    // A record still validates, and a wrong one still fails, without the JIT.
    expect(sessionSchema.safeParse({}).success).toBe(false);
  });
});
