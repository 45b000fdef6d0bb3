import { resolve } from 'node:path';
import { formatDiagnostic, UsageError } from '../../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../../exit-codes.js';
import {
  DEFAULT_PRECISION,
  diffReports,
  formatDiff,
  formatMarkdownDiff,
  formatMarkdownTable,
  formatTextTable,
  selectModules,
  shouldFailUnder,
  SORT_COLUMNS,
  toCoverageJson,
  type RowOptions,
} from '../../coverage/index.js';
import type { Command, ParsedArgs } from '../command.js';
import { writeLine, type CliContext } from '../io.js';
import { readReports } from '../read-reports.js';

const FORMATS = ['text', 'markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];

export const coverageCommand: Command = {
  name: 'coverage',
  summary: "read Cobertura XML or coverage.py JSON reports and print coverage.py's figures",
  help: `Usage: trackgen coverage REPORT... [--format text|markdown|json] [--precision N]
                         [--module NAME]... [--diff OLD] [--skip-covered] [--skip-empty]
                         [--sort COLUMN] [--fail-under N]

Reads coverage reports (Cobertura XML from any producer, or coverage.py's JSON,
recognised by content) and prints the figures coverage.py's \`report -m\` prints:
Stmts, Miss, Branch, BrPart, Cover and the Missing lines and partial branch arcs.
Several REPORTs (split CI jobs, XML and JSON mixed) are merged as \`coverage combine\`
would: a line is covered if any report covered it, a branch arc is missing only if
every report missed it.

Options:
  --format FORMAT   text (coverage.py's table, the default), markdown (a GFM table)
                    or json ({"totals": {...}, "modules": [...]}, see docs/coverage.md)
  --precision N     decimals shown for percents, 0-9 (default ${DEFAULT_PRECISION}); like coverage.py,
                    never shows 100 unless complete nor 0 unless nothing ran
  --module NAME     only this module: a path, short name, path suffix or directory (the extension may be left out);
                    repeatable; totals are recomputed over the selection
  --diff OLD        compare with an older report: each module's percent before and
                    after, new and removed modules; exit 1 if any module went down;
                    with --format markdown: a headline and the changed modules only,
                    for a pull-request comment or $GITHUB_STEP_SUMMARY (docs/ci.md)
  --skip-covered    leave out modules with no missing line and no partial branch, then
                    say "N files skipped due to complete coverage." (text, markdown)
  --skip-empty      leave out modules with no statements, then say "N empty files
                    skipped." (text, markdown)
  --sort COLUMN     order rows by Name, Stmts, Miss, Branch, BrPart or Cover (any case);
                    a leading - sorts descending (text, markdown)
  --fail-under N    exit 1 if the total percent, rounded to --precision, is under N
                    (100 means truly 100); coverage.py exits 2 here
  -h, --help        show this help

Exit codes: 0 ok, 1 problems found (a report is missing or cannot be read: the message
names the file, with line:column where known; with --diff: a module's coverage went
down; with --fail-under: the total is under it), 2 usage or tool error (bad options,
a --module the report does not have, an unknown --sort column).`,
  options: {
    format: { type: 'string' },
    precision: { type: 'string' },
    module: { type: 'string', multiple: true },
    diff: { type: 'string' },
    'skip-covered': { type: 'boolean' },
    'skip-empty': { type: 'boolean' },
    sort: { type: 'string' },
    'fail-under': { type: 'string' },
  },
  allowPositionals: true,
  run: runCoverage,
};

async function runCoverage(context: CliContext, args: ParsedArgs): Promise<number> {
  const format = parseFormat(args.values['format']);
  const precision = parsePrecision(args.values['precision']);
  const selectors = stringList(args.values['module']);
  const failUnder = parseFailUnder(args.values['fail-under']);
  const sort = args.values['sort'];
  const rowOptions: RowOptions = {
    skipCovered: args.values['skip-covered'] === true,
    skipEmpty: args.values['skip-empty'] === true,
    ...(typeof sort === 'string' ? { sort: parseSort(sort) } : {}),
  };
  if (args.positionals.length === 0)
    throw new UsageError(
      'expected at least one REPORT file, found none (see trackgen coverage --help)',
    );
  // Only the JSON output names missing areas by function: only it looks up Python sources.
  const sourcesFor = format === 'json' ? () => true : () => false;
  const read = (files: readonly string[]) =>
    readReports(
      files.map((file) => resolve(context.cwd, file)),
      files,
      { sourcesFor },
    );

  const selection = selectModules(read(args.positionals), selectors);
  if (selection.unmatched.length > 0) {
    throw new UsageError(
      `--module ${selection.unmatched.map((name) => JSON.stringify(name)).join(', ')}: no such module in the report (expected a path, short name, path suffix or directory)`,
    );
  }
  const report = selection.report;
  for (const warning of report.warnings) writeLine(context.stderr, formatDiagnostic(warning));
  const oldFile = args.values['diff'];
  if (typeof oldFile === 'string') {
    const before = selectModules(read([oldFile]), selectors).report;
    const diff = diffReports(before, report);
    context.stdout.write(
      format === 'json'
        ? `${JSON.stringify(diff, null, 2)}\n`
        : format === 'markdown'
          ? formatMarkdownDiff(diff, precision)
          : formatDiff(diff, precision),
    );
    return diff.regressions.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
  }
  if (
    rowOptions.sort !== undefined &&
    !report.totals.hasBranchData &&
    /branch|brpart/i.test(rowOptions.sort)
  )
    throw new UsageError(
      `--sort ${rowOptions.sort}: the report has no branch data, so no Branch or BrPart column`,
    );
  switch (format) {
    case 'json':
      context.stdout.write(`${JSON.stringify(toCoverageJson(report), null, 2)}\n`);
      break;
    case 'markdown':
      context.stdout.write(formatMarkdownTable(report, precision, rowOptions));
      break;
    case 'text':
      context.stdout.write(formatTextTable(report, precision, rowOptions));
      break;
  }
  if (failUnder !== undefined) {
    const failure = shouldFailUnder(report.totals, failUnder, precision);
    if (failure !== undefined) {
      // coverage.py prints this on stdout after the table and exits 2; here a total under
      // the bar is a problem in the user's inputs: exit 1.
      if (format === 'json') context.stderr.write(`${failure}\n`);
      else context.stdout.write(`${failure}\n`);
      return EXIT_PROBLEMS;
    }
  }
  return EXIT_OK;
}

function parseFailUnder(value: ParsedArgs['values'][string]): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(number >= 0 && number <= 100))
    throw new UsageError(
      `--fail-under expects a percent from 0 to 100, found ${JSON.stringify(value)}`,
    );
  return number;
}

function parseSort(value: string): string {
  const column = value.toLowerCase().replace(/^[-+]/, '');
  if (!(SORT_COLUMNS as readonly string[]).includes(column))
    throw new UsageError(
      `--sort expects one of Name, Stmts, Miss, Branch, BrPart, Cover (a leading - for descending), found ${JSON.stringify(value)}`,
    );
  return value;
}

function parseFormat(value: ParsedArgs['values'][string]): Format {
  if (value === undefined) return 'text';
  const found = FORMATS.find((format) => format === value);
  if (found === undefined)
    throw new UsageError(`--format expects text, markdown or json, found ${JSON.stringify(value)}`);
  return found;
}

function parsePrecision(value: ParsedArgs['values'][string]): number {
  if (value === undefined) return DEFAULT_PRECISION;
  if (typeof value !== 'string' || !/^[0-9]$/.test(value))
    throw new UsageError(
      `--precision expects a whole number from 0 to 9, found ${JSON.stringify(value)}`,
    );
  return Number(value);
}

function stringList(value: ParsedArgs['values'][string]): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter(
    (item): item is string => typeof item === 'string',
  );
}
