import * as z from 'zod';
import { projectSchema, sessionSchema } from '../data/schema.js';
import { configSchema } from './schema.js';

/** The published JSON Schemas, keyed by their file name under schemas/. */
export function jsonSchemaFiles(): Record<string, string> {
  const render = (schema: z.ZodType): string =>
    `${JSON.stringify(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }), null, 2)}\n`;
  return {
    'project.schema.json': render(projectSchema),
    'session.schema.json': render(sessionSchema),
    'config.schema.json': render(configSchema),
  };
}
