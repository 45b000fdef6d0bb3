import { hasErrors, UsageError } from '../../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../../exit-codes.js';
import { openRunCache } from '../../pipeline/cache/cached-plan.js';
import { writeReport } from '../../pipeline/describe.js';
import type { Plan } from '../../pipeline/planned-file.js';
import { runPipeline } from '../../pipeline/run.js';
import { plural } from '../../text/plural.js';
import { checkDocuments } from '../check-documents.js';
import type { Command, ParsedArgs } from '../command.js';
import { writeLine, type CliContext } from '../io.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { printConflicts, printReport, printStaleDiffs } from '../print-plan.js';
import { forceAndAdopt, settingsFlags, settingsOptions } from '../shared-flags.js';

export const generateCommand: Command = {
  name: 'generate',
  summary: 'render the trackers, session summaries and lessons file into docs/ (npm run docs)',
  help: `Usage: trackgen generate [options]

Validates the data, reads the coverage report, renders every document and merges
it into the existing file: hand-written text outside generated sections is kept
byte for byte, and hand edits inside them are kept and reported. Nothing is
written while any data file is invalid; each file is written atomically, and only
when its content changed.

Documents: docs/PHASE_N_PROGRESS_TRACKER.md for every phase with modules,
docs/sessions/SESSION_NN_SUMMARY.md for every complete session,
docs/LESSONS_LEARNED.md, and the "documents" of trackgen.config.json.

Options:
  --data DIR          data directory (default: data)
  --out DIR           output directory (default: docs)
  --templates DIR     your templates; same-named ones override the built-in ones
  --report FILE       coverage report to use instead of project.json's (repeat to merge several)
  --check             write nothing; exit 1 when any document would change (same as trackgen check)
  --dry-run           write nothing; show the diff of what would change
  --force SECTION     take the new rendering of a hand-edited section (repeat, or "all");
                      SECTION is ID or FILE:ID (docs/LESSONS_LEARNED.md:overview): an id
                      that several documents have must be given as FILE:ID
  --adopt             insert section markers into existing documents that have none;
                      warns (rule mojibake) where a document's text was once decoded as
                      Windows-1252 ("ðŸš€" for "🚀")
  --repair-encoding   with --adopt: repair that text in the documents adopted, and
                      nothing else (only where re-encoding it gives exact UTF-8)
  --print-context     print the view model the templates receive, as JSON, and stop
  --watch             generate, then again on every save of the data, your templates,
                      the config or the coverage report (debounced; saves by rename
                      too; the documents it writes never re-trigger it); one line a
                      run; invalid data prints its problems and keeps watching; Ctrl-C stops
  -q, --quiet         print only problems and the summary line
  -h, --help          show this help

Settings come from defaults < trackgen.config.json (or "trackgen" in package.json) < flags.
The config is found in this folder or the nearest parent that has one, up to the
repository's top (the folder with .git); its paths are relative to its folder,
flags to this one.

Exit codes: 0 ok, 1 problems found (invalid data or config, a missing or unreadable
report, conflicts; with --check: out of date), 2 usage or tool error. --watch exits 0
when stopped.`,
  options: {
    ...settingsOptions,
    check: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    force: { type: 'string', multiple: true },
    adopt: { type: 'boolean' },
    'repair-encoding': { type: 'boolean' },
    'print-context': { type: 'boolean' },
    watch: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
  },
  allowPositionals: false,
  run: runGenerate,
};

async function runGenerate(context: CliContext, args: ParsedArgs): Promise<number> {
  const alone = ['check', 'dry-run', 'print-context'].find((name) => args.values[name] === true);
  if (args.values['watch'] === true && alone !== undefined)
    throw new UsageError(
      `--watch writes documents on every save; it cannot be combined with --${alone}`,
    );
  if (args.values['repair-encoding'] === true && args.values['adopt'] !== true)
    throw new UsageError(
      '--repair-encoding repairs the documents --adopt takes over; pass it with --adopt',
    );
  if (args.values['check'] === true) return checkDocuments(context, args);
  if (args.values['watch'] === true) {
    const { watchDocuments } = await import('../watch-documents.js');
    return watchDocuments(context, args);
  }
  const printContext = args.values['print-context'] === true;
  const dryRun = args.values['dry-run'] === true;
  const flags = settingsFlags(args);
  const result = await runPipeline(
    {
      cwd: context.cwd,
      flags,
      ...forceAndAdopt(args),
      needModel: printContext,
      write: !printContext && !dryRun,
    },
    openRunCache(context.cwd, flags, context.env),
  );
  if (result.plan === undefined) {
    printDiagnostics(context.stderr, result.configDiagnostics);
    return EXIT_PROBLEMS;
  }
  const { plan } = result;
  if (printContext) {
    printDiagnostics(context.stderr, plan.diagnostics);
    if (plan.model === undefined) return EXIT_PROBLEMS;
    writeLine(context.stdout, JSON.stringify(plan.model, null, 2));
    return EXIT_OK;
  }
  if (dryRun) return printPlanDiff(context, plan);
  printReport(
    context,
    writeReport(plan, result.written, { quiet: args.values['quiet'] === true, prefix: '' }),
  );
  return plan.valid && !hasErrors(plan.diagnostics) ? EXIT_OK : EXIT_PROBLEMS;
}

async function printPlanDiff(context: CliContext, plan: Plan): Promise<number> {
  printDiagnostics(context.stderr, plan.diagnostics);
  if (!plan.valid) return EXIT_PROBLEMS;
  await printStaleDiffs(context.stdout, plan, plan.files);
  printConflicts(context.stdout, plan);
  const changed = plan.files.filter((file) => file.merge.changed).length;
  writeLine(
    context.stdout,
    changed === 0
      ? `${plural(plan.files.length, 'document')}: all up to date`
      : `${plural(changed, 'document')} would change`,
  );
  // What generate would exit with: a conflict or a broken file is a problem even unwritten.
  return hasErrors(plan.diagnostics) ? EXIT_PROBLEMS : EXIT_OK;
}
