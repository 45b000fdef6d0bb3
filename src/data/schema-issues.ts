/**
 * Turns zod's issues into one-line diagnostics positioned in the JSON text:
 * `tests.created: expected a whole number, got the string "102x"`.
 */
import * as z from 'zod';
import type { Diagnostic } from '../diagnostics.js';
import { closestWord } from '../text/closest-word.js';
import {
  describeValue,
  formatPath,
  locate,
  locateKey,
  type JsonPath,
  type ParsedJson,
} from './json-text.js';

export function schemaDiagnostics(
  parsed: ParsedJson,
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
): Diagnostic[] {
  // A misspelt key shows up twice: as an unknown key and as the missing key it was meant to be.
  // Say it once, as the misspelling ("did you mean"), which is where the fix goes.
  const misspelt = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path.filter(
      (segment): segment is string | number => typeof segment !== 'symbol',
    );
    const known = knownKeys(schema, path);
    for (const key of issue.keys) {
      const meant = closestWord(key, known);
      if (meant !== undefined) misspelt.add(JSON.stringify([...path, meant]));
    }
  }
  return issues
    .filter(
      (issue) =>
        !(
          issue.code === 'invalid_type' &&
          misspelt.has(JSON.stringify(issue.path)) &&
          valueAt(
            parsed,
            issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol'),
          ) === undefined
        ),
    )
    .flatMap((issue) => issueDiagnostics(parsed, schema, issue));
}

function issueDiagnostics(
  parsed: ParsedJson,
  schema: z.ZodType,
  issue: z.core.$ZodIssue,
): Diagnostic[] {
  const path = issue.path.filter(
    (segment): segment is string | number => typeof segment !== 'symbol',
  );
  const at = (offset: number, rule: Diagnostic['rule'], message: string): Diagnostic => ({
    file: parsed.file,
    ...parsed.lines.position(offset),
    severity: 'error',
    rule,
    message,
  });

  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(schema, path);
    return issue.keys.map((key) => {
      const suggestion = closestWord(key, known);
      const hint =
        suggestion !== undefined
          ? `did you mean "${suggestion}"?`
          : known.length > 0
            ? `expected one of: ${known.join(', ')}`
            : 'expected none here';
      return at(
        locateKey(parsed, path, key),
        'unknown-key',
        `${formatPath([...path, key])}: unknown key, ${hint}`,
      );
    });
  }

  const place = locate(parsed, path);
  const found = place.exact ? valueAt(parsed, path) : undefined;
  const rule = place.exact ? ruleFor(issue) : 'required';
  return [
    at(
      place.offset,
      rule,
      `${formatPath(path)}: expected ${issue.message}, got ${describeValue(found)}`,
    ),
  ];
}

function ruleFor(issue: z.core.$ZodIssue): Diagnostic['rule'] {
  switch (issue.code) {
    case 'invalid_type':
    case 'invalid_union':
      return 'type';
    case 'invalid_value':
      return 'enum';
    case 'invalid_format':
      return 'format';
    case 'too_small':
    case 'too_big':
      return 'range';
    default:
      return 'schema';
  }
}

function valueAt(parsed: ParsedJson, path: JsonPath): unknown {
  let current: unknown = parsed.value;
  for (const segment of path) {
    // Own keys only: JSON.parse's objects inherit Object.prototype's ("constructor", …).
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment))
      return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** The keys the schema allows at a path, for "did you mean" hints. */
function knownKeys(schema: z.ZodType, path: JsonPath): string[] {
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    current = current === undefined ? undefined : childSchema(unwrap(current), segment);
  }
  const target = current === undefined ? undefined : unwrap(current);
  return target instanceof z.ZodObject
    ? Object.keys(target.shape).filter((key) => key !== '$schema')
    : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault)
    current = current.unwrap() as z.ZodType;
  return current;
}

function childSchema(schema: z.ZodType, segment: string | number): z.ZodType | undefined {
  if (schema instanceof z.ZodObject && typeof segment === 'string')
    return (schema.shape as Record<string, z.ZodType>)[segment];
  if (schema instanceof z.ZodArray) return schema.element as z.ZodType;
  return undefined;
}
