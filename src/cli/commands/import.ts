import { isAbsolute, relative, resolve } from 'node:path';
import { UsageError } from '../../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from '../../exit-codes.js';
import { planImport } from '../../import/plan.js';
import { plural } from '../../text/plural.js';
import { toSlashes } from '../../text/paths.js';
import { NewFileError, writeNewFiles } from '../../write/new-files.js';
import { commandData } from '../command-data.js';
import type { Command } from '../command.js';
import { writeLine } from '../io.js';
import { printDiagnostics } from '../print-diagnostics.js';

export const importCommand: Command = {
  name: 'import',
  summary: "write session records from existing session summaries (and a tracker's Session Log)",
  help: `Usage: trackgen import [--dry-run] [--repair-encoding] [--data DIR] FILE...

Reads existing Markdown session summaries (SESSION_54_SUMMARY.md, ...) and the
Session Log of a progress tracker, and writes one record per session to
data/sessions/NNN.json: number, date, title, phase, module and its start and
final coverage, overall coverage, test counts, test classes and file,
challenges, lessons and commits, wherever the document states them (bold
labels, bullets, tables, any heading words). Everything it cannot map is kept
word for word in the record's "notes". A figure the document does not state is
left out, never guessed. See docs/import.md for what is read from where.

Nothing is written when any problem is found: a record that already exists
(never overwritten), a session named twice, a document that does not state
what the schema requires (its number, its phase, the date of a finished
session), or a record that would not validate. Then run again without the
file that has the problem.

Then: trackgen generate --adopt takes the documents over, keeping their words.

Options:
  --dry-run           write nothing; print each record and what was mapped from where
  --repair-encoding   repair text once decoded as Windows-1252 ("ðŸš€" for "🚀") in the
                      files read, before reading them; without it such text is reported
                      (rule mojibake) and imported as it is
  --data DIR          data directory (default: data, or "data" in trackgen.config.json)
  -h, --help          show this help

Exit codes: 0 written (with --dry-run: would be written), 1 problems found (an existing
record, a missing required field, invalid data or config; nothing written), 2 usage
or tool error (no FILE given).`,
  options: {
    'dry-run': { type: 'boolean' },
    'repair-encoding': { type: 'boolean' },
    data: { type: 'string' },
  },
  allowPositionals: true,
  async run(context, args) {
    if (args.positionals.length === 0)
      throw new UsageError('import expects at least one FILE (a session summary or a tracker)');
    const data = typeof args.values['data'] === 'string' ? args.values['data'] : undefined;
    const loaded = await commandData(context, { data }, 'nothing written');
    if (loaded === undefined) return EXIT_PROBLEMS;
    const inputs = args.positionals.map((file) => {
      const path = isAbsolute(file) ? file : resolve(context.cwd, file);
      return { path, shownAs: toSlashes(relative(context.cwd, path)) };
    });
    const dryRun = args.values['dry-run'] === true;
    const plan = await planImport(inputs, loaded.data, {
      cwd: context.cwd,
      repairEncoding: args.values['repair-encoding'] === true,
    });

    for (const record of plan.records) {
      writeLine(
        context.stdout,
        `${record.from} → ${record.shownAs}: session ${record.session.number}, ${plural(record.mapped.length, 'field')} mapped, ${plural(record.unmappedLines, 'line')} kept in notes`,
      );
      for (const line of record.mapped) writeLine(context.stdout, `  mapped: ${line}`);
      if (dryRun) writeLine(context.stdout, record.text.replace(/^/gmu, '    ').trimEnd());
    }
    printDiagnostics(context.stderr, plan.diagnostics);
    if (!plan.valid) {
      writeLine(context.stderr, 'nothing written: fix the problems above first');
      return EXIT_PROBLEMS;
    }
    if (dryRun) {
      writeLine(context.stdout, `${plural(plan.records.length, 'record')} would be written`);
      return EXIT_OK;
    }
    try {
      await writeNewFiles(
        plan.records.map((record) => ({ path: record.path, content: record.text })),
      );
    } catch (error) {
      if (!(error instanceof NewFileError)) throw error;
      const record = plan.records.find((planned) => planned.path === error.path);
      const shownAs = record?.shownAs ?? error.path;
      if (error.code === 'EEXIST') {
        // Created since the plan checked it: never replaced.
        printDiagnostics(context.stderr, [
          {
            file: shownAs,
            line: 1,
            column: 1,
            severity: 'error',
            rule: 'record-exists',
            message: `session ${record?.session.number ?? ''} got a record while import ran; it is never overwritten`,
          },
        ]);
        writeLine(context.stderr, 'nothing written: the records this run had written were removed');
        return EXIT_PROBLEMS;
      }
      writeLine(
        context.stderr,
        `nothing written: ${error.message}; the records this run had written were removed`,
      );
      return EXIT_USAGE;
    }
    writeLine(
      context.stdout,
      `${plural(plan.records.length, 'record')} written; next: trackgen generate --adopt`,
    );
    return EXIT_OK;
  },
};
