import { relative, resolve } from 'node:path';
import { UsageError } from '../../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../../exit-codes.js';
import {
  problemLine,
  readTestResults,
  recordedTests,
  writeTestResults,
} from '../../test-results/index.js';
import { readTextKeepingBom } from '../../fs/text-keeping-bom.js';
import { toSlashes } from '../../text/paths.js';
import { writeFilesAtomically } from '../../write/index.js';
import { commandData, existingSessionRecord } from '../command-data.js';
import type { Command } from '../command.js';
import { writeLine } from '../io.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { parseSessionNumber } from '../parse-flags.js';

export const recordTestsCommand: Command = {
  name: 'record-tests',
  summary: "store a session's test counts in its record, from pytest's JUnit XML and summary line",
  help: `Usage: trackgen record-tests --session N [--summary-line TEXT] [FILE...]

Reads pytest's results and stores in data/sessions/NNN.json, under "tests", the
counts as pytest reports them: "total", "passing", "failed", "errors", "skipped",
"xfailed", "xpassed" and "warnings".

Each FILE is one of (told apart by content):
  JUnit XML        written by pytest --junitxml=FILE: the total and every outcome,
                   but no warnings, and an unexpected pass (xpass) counts as passed
  pytest output    a text file holding pytest's terminal output (pytest ... | tee
                   FILE): its summary line, "2730 passed, 1 skipped, 2 warnings in
                   50.21s", the only place warnings are counted; no total
Give both for every figure; they must come from the same run.

The record is edited in place. The counts of one run replace those of another as a
set: a count the inputs cannot tell (warnings, from JUnit XML alone) is removed,
and the command says which. "created", your formatting and key order are kept.

Options:
  --session N          the session whose record to update (required)
  --summary-line TEXT  pytest's summary line itself, instead of a file holding it
  --data DIR           data directory (default: data, or "data" in trackgen.config.json)
  FILE                 the results to read (default: "testResults" in trackgen.config.json)
  -h, --help           show this help

The config, trackgen.config.json (or "trackgen" in package.json), is found in this
folder or the nearest parent that has one, up to the repository's top (the folder
with .git); its paths are relative to its folder, flags to this one.

Exit codes: 0 recorded, 1 problems found (invalid data or config, a missing or
unreadable results file, JUnit XML and a summary line of different runs; nothing
written), 2 usage or tool error (no --session, no record for it, no results named).`,
  options: {
    session: { type: 'string' },
    'summary-line': { type: 'string' },
    data: { type: 'string' },
  },
  allowPositionals: true,
  async run(context, args) {
    const number = parseSessionNumber(args.values['session'], '--session');
    if (number === undefined)
      throw new UsageError(
        'expected --session N, the session whose record to update (see trackgen record-tests --help)',
      );
    const data = typeof args.values['data'] === 'string' ? args.values['data'] : undefined;
    const summaryLine = args.values['summary-line'];
    const loaded = await commandData(context, { data }, 'nothing recorded');
    if (loaded === undefined) return EXIT_PROBLEMS;
    const { settings } = loaded;
    printDiagnostics(context.stderr, loaded.diagnostics);
    const { path, shownAs } = existingSessionRecord(loaded, number, context.cwd);

    const paths =
      args.positionals.length > 0
        ? args.positionals.map((file) => resolve(context.cwd, file))
        : summaryLine === undefined
          ? [...settings.testResults]
          : [];
    if (paths.length === 0 && typeof summaryLine !== 'string')
      throw new UsageError(
        'expected a FILE (JUnit XML or pytest output), --summary-line, or "testResults" in trackgen.config.json, found none',
      );
    const read = await readTestResults(
      paths.map((file) => ({ path: file, shownAs: toSlashes(relative(context.cwd, file)) })),
      typeof summaryLine === 'string'
        ? { text: summaryLine, shownAs: '--summary-line' }
        : undefined,
    );
    if (!read.ok) {
      for (const problem of read.problems)
        writeLine(context.stderr, `trackgen record-tests: ${problemLine(problem)}`);
      writeLine(context.stderr, 'nothing recorded: fix the problems above first');
      return EXIT_PROBLEMS;
    }

    const text = await readTextKeepingBom(path);
    const edit = writeTestResults(text.text, read.results);
    const [outcome] = writeFilesAtomically([{ path, content: text.restore(edit.text) }]);
    const figures = Object.entries(recordedTests(read.results))
      .map(([key, value]) => `${key} ${String(value)}`)
      .join(', ');
    writeLine(
      context.stdout,
      `${outcome?.status === 'unchanged' ? 'unchanged' : 'recorded '} tests of session ${number} in ${shownAs}: ${figures}`,
    );
    const why = read.fromSummary
      ? 'the summary line has no total (give the JUnit XML too)'
      : "JUnit XML counts no warnings nor xpasses (give pytest's output or --summary-line too)";
    const removed = edit.removed.map(({ key, value }) => `${key} ${JSON.stringify(value)}`);
    if (removed.length > 0)
      writeLine(context.stdout, `  removed ${removed.join(', ')} of an earlier run: ${why}`);
    else if (!(read.fromSummary && read.fromJunit))
      writeLine(context.stdout, `  not recorded: ${why}`);
    return EXIT_OK;
  },
};
