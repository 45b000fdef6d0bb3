import { hasErrors, UsageError } from '../../diagnostics.js';
import { rememberPlan } from '../../pipeline/cached-plan.js';
import type { Plan } from '../../pipeline/plan.js';
import { isSkipped } from '../../pipeline/skipped.js';
import { writeFilesAtomically } from '../../write/index.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_OK, EXIT_PROBLEMS, writeLine, type CliContext } from '../io.js';
import { plural, printDiagnostics } from '../print-diagnostics.js';
import { printConflicts, printStaleDiffs } from '../print-plan.js';
import { obtainPlan } from '../obtain-plan.js';

export const generateOptions = {
  data: { type: 'string' },
  out: { type: 'string' },
  templates: { type: 'string' },
  report: { type: 'string', multiple: true },
} as const;

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
  --force SECTION     take the new rendering of a hand-edited section (repeat, or "all")
  --adopt             insert section markers into existing documents that have none
  --print-context     print the view model the templates receive, as JSON, and stop
  --watch             generate, then again on every save of the data, your templates,
                      the config or the coverage report (debounced); one line a run;
                      invalid data prints its problems and keeps watching; Ctrl-C stops
  -q, --quiet         print only problems and the summary line
  -h, --help          show this help

Settings come from defaults < trackgen.config.json (or "trackgen" in package.json) < flags.

Exit codes: 0 ok, 1 problems found (invalid data, conflicts; with --check: out of
date), 2 usage or tool error.`,
  options: {
    ...generateOptions,
    check: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    force: { type: 'string', multiple: true },
    adopt: { type: 'boolean' },
    'print-context': { type: 'boolean' },
    watch: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
  },
  allowPositionals: false,
  async run(context, args) {
    const alone = ['check', 'dry-run', 'print-context'].find((name) => args.values[name] === true);
    if (args.values['watch'] === true && alone !== undefined)
      throw new UsageError(
        `--watch writes documents on every save; it cannot be combined with --${alone}`,
      );
    if (args.values['check'] === true) {
      const { runCheck } = await import('./check.js');
      return runCheck(context, args);
    }
    if (args.values['watch'] === true) {
      const { runWatch } = await import('./generate-watch.js');
      return runWatch(context, args);
    }
    const obtained = await obtainPlan(context, settingsFlags(args), {
      ...forceAndAdopt(args),
      needModel: args.values['print-context'] === true,
    });
    if (obtained.plan === undefined) {
      printDiagnostics(context.stderr, obtained.configDiagnostics);
      return EXIT_PROBLEMS;
    }
    const { plan } = obtained;
    if (args.values['print-context'] === true) {
      printDiagnostics(context.stderr, plan.diagnostics);
      if (plan.model === undefined) return EXIT_PROBLEMS;
      writeLine(context.stdout, JSON.stringify(plan.model, null, 2));
      return EXIT_OK;
    }
    if (args.values['dry-run'] === true) return printPlanDiff(context, plan);
    const code = await writePlan(context, plan, args.values['quiet'] === true);
    if (obtained.key !== undefined && needsRemembering(obtained.cached !== undefined, plan))
      await rememberPlan(
        obtained.key,
        obtained.settings,
        plan,
        writtenContents(plan),
        obtained.cached,
      );
    return code;
  },
};

export function settingsFlags(args: ParsedArgs) {
  const text = (name: string) =>
    typeof args.values[name] === 'string' ? (args.values[name] as string) : undefined;
  const reports = args.values['report'];
  return {
    data: text('data'),
    out: text('out'),
    templates: text('templates'),
    report: Array.isArray(reports) ? reports.map(String) : undefined,
  };
}

export function forceAndAdopt(args: ParsedArgs): {
  force?: 'all' | ReadonlySet<string>;
  adopt?: boolean;
} {
  const force = args.values['force'];
  const ids = Array.isArray(force) ? force.map(String) : [];
  return {
    ...(ids.length === 0 ? {} : { force: ids.includes('all') ? 'all' : new Set(ids) }),
    ...(args.values['adopt'] === true ? { adopt: true } : {}),
  };
}

/** A plan served whole from the cache, with nothing re-merged or written, is already recorded. */
export function needsRemembering(fromCache: boolean, plan: Plan): boolean {
  return (
    plan.valid && (!fromCache || plan.files.some((file) => file.fresh !== '' || file.merge.changed))
  );
}

/** What generate put on disk: the merged content of every file it changed. */
function writtenContents(plan: Plan): Map<string, string> {
  return new Map(
    plan.files.flatMap((file) =>
      !file.merge.changed || file.merge.content === null
        ? []
        : [[file.path, file.merge.content] as const],
    ),
  );
}

/** Writes the plan's files; `prefix` starts the summary line (generate --watch puts the time and the change there). */
export async function writePlan(
  context: CliContext,
  plan: Plan,
  quiet: boolean,
  prefix = '',
): Promise<number> {
  printDiagnostics(context.stderr, plan.diagnostics);
  printConflicts(context.stderr, plan);
  if (!plan.valid) {
    writeLine(context.stderr, `${prefix}nothing written: fix the problems above first`);
    return EXIT_PROBLEMS;
  }
  // The merge already knows which files change; the rest are not touched, not even read again.
  const changing = plan.files.filter((file) => file.merge.changed && file.merge.content !== null);
  const outcomes = await writeFilesAtomically(
    changing.map((file) => ({ path: file.path, content: file.merge.content ?? '' })),
  );
  const writtenPaths = new Set(
    outcomes.filter((outcome) => outcome.status === 'written').map((outcome) => outcome.path),
  );
  const written = writtenPaths.size;
  for (const file of plan.files) {
    if (isSkipped(file)) continue;
    const kept =
      file.merge.handEdited.length === 0
        ? ''
        : ` (kept hand edits in ${file.merge.handEdited.join(', ')})`;
    if (!quiet)
      writeLine(
        context.stdout,
        `${(writtenPaths.has(file.path) ? 'written' : 'unchanged').padEnd(9)} ${file.shownAs}${kept}`,
      );
  }
  const skipped = plan.files.filter(isSkipped);
  for (const file of skipped)
    writeLine(context.stdout, `${'skipped'.padEnd(9)} ${file.shownAs} (see the problems above)`);
  const problems = plan.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  writeLine(
    context.stdout,
    `${prefix}${plural(plan.files.length, 'document')}: ${written} written, ${plan.files.length - written - skipped.length} unchanged${skipped.length > 0 ? `, ${skipped.length} skipped` : ''}${problems > 0 ? `; ${plural(problems, 'problem')}` : ''}`,
  );
  return hasErrors(plan.diagnostics) ? EXIT_PROBLEMS : EXIT_OK;
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
  return EXIT_OK;
}
