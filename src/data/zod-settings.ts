/**
 * zod's settings, imported for their effect before any schema is built: zod reads them when it
 * makes an object schema. Without its JIT: zod would otherwise write a parser for each object
 * schema with `new Function` at the first parse, which a run of trackgen does not earn back (the
 * hook validates two records; measured faster without it for two records and for 1,000).
 */
import * as z from 'zod';

z.config({ jitless: true });
