import { fileLinesFromEntries } from '../raw/merge.js';
import {
  modulePath,
  ScanError,
  type FileLines,
  type LineEntry,
  type RawReport,
} from '../raw/raw-report.js';

/**
 * coverage.py's JSON report (`coverage json`; 5.x–7.x shapes: `meta.format` absent, 2 or 3,
 * extra `functions`/`classes` ignored). Statements are executed_lines ∪ missing_lines; a
 * branch line's exits are its executed_branches plus missing_branches arcs; a negative
 * destination is an exit from the function.
 */
type Json = { readonly [key: string]: unknown };

export function readCoveragePyJson(text: string, sourceName: string): RawReport {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position =
      /position (\d+)/.exec(message)?.[1] ??
      (/end of JSON input/.test(message) ? String(text.length) : undefined);
    throw new ScanError(
      position === undefined ? undefined : Number(position),
      `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`,
    );
  }
  const root = asObject(document);
  const files = asObject(root?.['files']);
  if (root === undefined || files === undefined)
    throw new ScanError(undefined, describeForeignJson(document));
  const meta = asObject(root['meta']);
  let hasBranchData = meta?.['branch_coverage'] === true;
  const result: FileLines[] = [];
  for (const [filename, value] of Object.entries(files)) {
    const file = asObject(value);
    const executed = numbers(file?.['executed_lines']);
    const missing = numbers(file?.['missing_lines']);
    if (file === undefined || executed === undefined || missing === undefined) {
      throw new ScanError(
        undefined,
        `expected "executed_lines" and "missing_lines" arrays of line numbers for "${filename}" in "files", found ${JSON.stringify(value)?.slice(0, 60)}`,
      );
    }
    const missingArcs = unique(arcs(file['missing_branches'], filename, 'missing_branches'));
    const executedArcs = possibleArcs(
      unique(arcs(file['executed_branches'], filename, 'executed_branches')),
      missingArcs,
      file,
    );
    if (file['executed_branches'] !== undefined || file['missing_branches'] !== undefined)
      hasBranchData = true;
    const statementsRun = executedStatements(executed, missing, file, executedArcs, missingArcs);
    result.push(
      fileLines(modulePath(filename, []), statementsRun, missing, executedArcs, missingArcs),
    );
  }
  return {
    source: sourceName,
    format: 'coveragepy-json',
    sourceRoots: [],
    hasBranchData,
    files: result,
  };
}

/**
 * `executed_lines` is every line that ran, statement or not: excluded lines that ran, and
 * (Python 3.11+) docstring lines. coverage.py counts statements as `summary.num_statements`;
 * the JSON does not say which executed lines are not statements, so the excluded ones go and
 * then, if the count is still over, the lowest executed lines that are not branch lines (the
 * module docstring first). Those are the executed lines before any missed one, so the
 * missing ranges, which break only at executed statements, come out the same.
 */
function executedStatements(
  executed: number[],
  missing: number[],
  file: Json,
  executedArcs: Arc[],
  missingArcs: Arc[],
): number[] {
  const excluded = new Set(numbers(file['excluded_lines']) ?? []);
  let statements = executed.filter((line) => !excluded.has(line));
  const declared = asObject(file['summary'])?.['num_statements'];
  if (typeof declared !== 'number') return statements;
  let excess = statements.length + missing.length - declared;
  if (excess <= 0) return statements;
  const branchLines = new Set([...executedArcs, ...missingArcs].map(([from]) => from));
  const dropped = new Set<number>();
  for (const line of [...statements].sort((a, b) => a - b)) {
    if (excess === 0) break;
    if (branchLines.has(line)) continue;
    dropped.add(line);
    excess--;
  }
  statements = statements.filter((line) => !dropped.has(line));
  return statements;
}

function fileLines(
  path: string,
  executed: number[],
  missing: number[],
  executedArcs: Arc[],
  missingArcs: Arc[],
): FileLines {
  const exits = new Map<number, { total: number; taken: number; missing: number[] }>();
  const exitsOf = (line: number) => {
    let entry = exits.get(line);
    if (entry === undefined) exits.set(line, (entry = { total: 0, taken: 0, missing: [] }));
    return entry;
  };
  for (const [from] of executedArcs) {
    const entry = exitsOf(from);
    entry.total++;
    entry.taken++;
  }
  for (const [from, to] of missingArcs) {
    const entry = exitsOf(from);
    entry.total++;
    entry.missing.push(to < 0 ? -1 : to);
  }
  const entry = (line: number, covered: boolean): LineEntry => {
    const branch = exits.get(line);
    return branch === undefined
      ? { line, covered, branchTotal: -1, branchTaken: -1, missingArcs: [] }
      : {
          line,
          covered,
          branchTotal: branch.total,
          branchTaken: branch.taken,
          missingArcs: branch.missing.sort((a, b) => a - b),
        };
  };
  return fileLinesFromEntries(path, [
    ...executed.map((line) => entry(line, true)),
    ...missing.map((line) => entry(line, false)),
  ]);
}

type Arc = readonly [number, number];

/** coverage.py 6.x lists an executed arc once per time it was recorded (`[12, 12]` four times). */
function unique(list: Arc[]): Arc[] {
  const seen = new Set<string>();
  return list.filter(([from, to]) => {
    const key = `${from},${to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * \`executed_branches\` holds every arc that ran from a branch line, also arcs the static
 * analysis never predicted (a comprehension looping on its own line: \`[1866, 1866]\`); the
 * branch count, \`summary.num_branches\`, counts predicted exits only. When the arcs add up
 * to more, the executed self-arcs go first (the ones seen in practice), then the count is
 * left as the arcs say. Missing arcs are always predicted ones.
 */
function possibleArcs(executed: Arc[], missing: Arc[], file: Json): Arc[] {
  const declared = asObject(file['summary'])?.['num_branches'];
  if (typeof declared !== 'number') return executed;
  let excess = executed.length + missing.length - declared;
  if (excess <= 0) return executed;
  return executed.filter(([from, to]) => {
    if (excess > 0 && from === to) {
      excess--;
      return false;
    }
    return true;
  });
}

function arcs(value: unknown, filename: string, key: string): Arc[] {
  if (value === undefined) return [];
  const valid =
    Array.isArray(value) &&
    value.every((arc) => Array.isArray(arc) && arc.length === 2 && arc.every(Number.isInteger));
  if (!valid)
    throw new ScanError(
      undefined,
      `expected "${key}" of "${filename}" to be a list of [from, to] line pairs, found ${JSON.stringify(value).slice(0, 60)}`,
    );
  return value as Arc[];
}

function numbers(value: unknown): number[] | undefined {
  return Array.isArray(value) && value.every((item) => Number.isInteger(item) && item >= 0)
    ? (value as number[])
    : undefined;
}

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** Names the JSON coverage formats people confuse with coverage.py's. */
function describeForeignJson(document: unknown): string {
  const expectation =
    'trackgen reads Cobertura XML or coverage.py JSON (an object with "meta" and "files")';
  const root = asObject(document);
  if (root !== undefined) {
    const first = asObject(Object.values(root)[0]);
    if (first !== undefined && 'statementMap' in first)
      return `this is an Istanbul JSON coverage report (coverage-final.json); ${expectation}`;
    if (asObject(root['total'])?.['lines'] !== undefined)
      return `this is an Istanbul JSON summary (coverage-summary.json); ${expectation}`;
  }
  return `this JSON is not a coverage.py report; ${expectation}`;
}
