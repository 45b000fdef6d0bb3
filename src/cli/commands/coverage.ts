import { resolve } from 'node:path';
import { UsageError } from '../../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../../exit-codes.js';
import {
  DEFAULT_PRECISION,
  diffReports,
  formatDiff,
  formatMarkdownTable,
  formatTextTable,
  selectModules,
  toCoverageJson,
} from '../../coverage/index.js';
import type { Command, ParsedArgs } from '../command.js';
import type { CliContext } from '../io.js';
import { readReports } from '../read-reports.js';

const FORMATS = ['text', 'markdown', 'json'] as const;
type Format = (typeof FORMATS)[number];

export const coverageCommand: Command = {
  name: 'coverage',
  summary: "read Cobertura XML or coverage.py JSON reports and print coverage.py's figures",
  help: `Usage: trackgen coverage REPORT... [--format text|markdown|json] [--precision N]
                         [--module NAME]... [--diff OLD]

Reads coverage reports (Cobertura XML from any producer, or coverage.py's JSON,
recognised by content) and prints the figures coverage.py's \`report -m\` prints:
Stmts, Miss, Branch, BrPart, Cover and the Missing lines and partial branch arcs.
Several REPORTs (split CI jobs) are merged by file and line: a line is covered if
any report covered it.

Options:
  --format FORMAT   text (coverage.py's table, the default), markdown (a GFM table)
                    or json ({"totals": {...}, "modules": [...]}, see docs/coverage.md)
  --precision N     decimals shown for percents, 0-9 (default ${DEFAULT_PRECISION}); like coverage.py,
                    never shows 100 unless complete nor 0 unless nothing ran
  --module NAME     only this module: a path, short name, path suffix or directory (the extension may be left out);
                    repeatable; totals are recomputed over the selection
  --diff OLD        compare with an older report: each module's percent before and
                    after, new and removed modules; exit 1 if any module went down
  -h, --help        show this help

Exit codes: 0 ok, 1 problems found (a report is missing or cannot be read: the message
names the file, with line:column where known; with --diff: a module's coverage went
down), 2 usage or tool error (bad options, a --module the report does not have).`,
  options: {
    format: { type: 'string' },
    precision: { type: 'string' },
    module: { type: 'string', multiple: true },
    diff: { type: 'string' },
  },
  allowPositionals: true,
  run: runCoverage,
};

async function runCoverage(context: CliContext, args: ParsedArgs): Promise<number> {
  const format = parseFormat(args.values['format']);
  const precision = parsePrecision(args.values['precision']);
  const selectors = stringList(args.values['module']);
  if (args.positionals.length === 0)
    throw new UsageError(
      'expected at least one REPORT file, found none (see trackgen coverage --help)',
    );
  const read = (files: readonly string[]) =>
    readReports(
      files.map((file) => resolve(context.cwd, file)),
      files,
    );

  const selection = selectModules(read(args.positionals), selectors);
  if (selection.unmatched.length > 0) {
    throw new UsageError(
      `--module ${selection.unmatched.map((name) => JSON.stringify(name)).join(', ')}: no such module in the report (expected a path, short name, path suffix or directory)`,
    );
  }
  const report = selection.report;
  const oldFile = args.values['diff'];
  if (typeof oldFile === 'string') {
    const before = selectModules(read([oldFile]), selectors).report;
    const diff = diffReports(before, report);
    context.stdout.write(
      format === 'json'
        ? `${JSON.stringify(diff, null, 2)}\n`
        : formatDiff(diff, precision, format === 'markdown'),
    );
    return diff.regressions.length > 0 ? EXIT_PROBLEMS : EXIT_OK;
  }
  switch (format) {
    case 'json':
      context.stdout.write(`${JSON.stringify(toCoverageJson(report), null, 2)}\n`);
      break;
    case 'markdown':
      context.stdout.write(formatMarkdownTable(report, precision));
      break;
    case 'text':
      context.stdout.write(formatTextTable(report, precision));
      break;
  }
  return EXIT_OK;
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
