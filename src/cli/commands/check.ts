import { hasErrors } from '../../diagnostics.js';
import { rememberPlan } from '../../pipeline/cached-plan.js';
import { isSkipped } from '../../pipeline/skipped.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, writeLine, type CliContext } from '../io.js';
import { plural, printDiagnostics } from '../print-diagnostics.js';
import { printConflicts, printStaleDiffs } from '../print-plan.js';
import { obtainPlan } from '../obtain-plan.js';
import { generateOptions, needsRemembering, settingsFlags } from './generate.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'write nothing; exit 1 when a document is out of date or has a conflict',
  help: `Usage: trackgen check [options]

Renders every document as trackgen generate would and compares it with the file
on disk, writing nothing. Prints a unified diff per stale file (each hunk names
the section and what it is made from) and every conflict between a hand edit
and new data.

Options:
  --data DIR       data directory (default: data)
  --out DIR        output directory (default: docs)
  --templates DIR  your templates directory
  --report FILE    coverage report to use instead of project.json's (repeatable)
  -q, --quiet      print only the names of stale files
  -h, --help       show this help

Exit codes: 0 every document is current, 1 a document would change or has a
conflict, 2 invalid input (data, config, report) or a tool error.`,
  options: { ...generateOptions, quiet: { type: 'boolean', short: 'q' } },
  allowPositionals: false,
  run: runCheck,
};

export async function runCheck(context: CliContext, args: ParsedArgs): Promise<number> {
  const obtained = await obtainPlan(context, settingsFlags(args));
  if (obtained.plan === undefined) {
    printDiagnostics(context.stderr, obtained.configDiagnostics);
    return EXIT_USAGE;
  }
  const { plan } = obtained;
  if (obtained.key !== undefined && needsRemembering(obtained.cached !== undefined, plan))
    await rememberPlan(obtained.key, obtained.settings, plan, new Map(), obtained.cached);
  printDiagnostics(context.stderr, plan.diagnostics);
  if (!plan.valid) return EXIT_USAGE;
  const quiet = args.values['quiet'] === true;
  const stale = plan.files.filter((file) => file.merge.changed || isSkipped(file));
  if (quiet) for (const file of stale) writeLine(context.stdout, file.shownAs);
  else {
    for (const file of stale)
      if (isSkipped(file))
        writeLine(context.stdout, `${file.shownAs}: not written (see the problems above)`);
    await printStaleDiffs(context.stdout, plan, stale);
    printConflicts(context.stdout, plan);
  }
  const conflicts = plan.files.reduce((sum, file) => sum + file.merge.conflicts.length, 0);
  if (stale.length === 0 && !hasErrors(plan.diagnostics)) {
    writeLine(context.stdout, `${plural(plan.files.length, 'document')} up to date`);
    return EXIT_OK;
  }
  writeLine(
    context.stdout,
    `${plural(stale.length, 'document')} out of date${conflicts > 0 ? `, ${plural(conflicts, 'conflict')}` : ''}: run trackgen generate`,
  );
  return EXIT_PROBLEMS;
}
