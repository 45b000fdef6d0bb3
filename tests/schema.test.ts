import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from '../src/config/json-schema.js';
import { projectSchema, sessionSchema } from '../src/data/schema.js';
import { repoRoot } from './helpers/run-cli.js';

describe('published JSON Schema', () => {
  it.each(Object.entries(jsonSchemaFiles()))(
    'schemas/%s is current (run `npm run schemas` if not)',
    (name, content) => {
      expect(readFileSync(join(repoRoot, 'schemas', name), 'utf8')).toBe(content);
    },
  );

  it('rejects unknown keys, so a typo in a hand-edited record cannot pass silently', () => {
    const schema = JSON.parse(jsonSchemaFiles()['session.schema.json'] ?? '{}') as {
      additionalProperties?: unknown;
    };
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('docs/data-model.md', () => {
  const doc = readFileSync(join(repoRoot, 'docs/data-model.md'), 'utf8');
  const examples = [
    ...doc.matchAll(/<!-- example: (project|session) -->\s*```json\n([\s\S]*?)```/g),
  ];

  it('has a worked example of each file', () => {
    expect(examples.map((match) => match[1]).sort()).toEqual(['project', 'session']);
  });

  it.each(examples.map((match) => [match[1] ?? '', match[2] ?? '']))(
    'its %s example validates',
    (kind, json) => {
      const schema = kind === 'project' ? projectSchema : sessionSchema;
      const result = schema.safeParse(JSON.parse(json));
      expect(result.error?.issues ?? []).toEqual([]);
    },
  );
});
