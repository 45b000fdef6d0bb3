/** `trackgen check` (and `generate --check`): every document compared with its file, nothing written. */
import { hasErrors } from '../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../exit-codes.js';
import { openRunCache } from '../pipeline/cache/cached-plan.js';
import { conflictCount } from '../pipeline/describe.js';
import { isSkipped, type PlannedFile } from '../pipeline/planned-file.js';
import type { Flags } from '../config/settings.js';
import { runPipeline } from '../pipeline/run.js';
import { plural } from '../text/plural.js';
import type { ParsedArgs } from './command.js';
import { writeLine, writeLines, type CliContext } from './io.js';
import { printDiagnostics } from './print-diagnostics.js';
import { printConflicts, printStaleDiffs } from './print-plan.js';
import { settingsFlags } from './shared-flags.js';

export async function checkDocuments(context: CliContext, args: ParsedArgs): Promise<number> {
  const flags = settingsFlags(args);
  if (args.values['staged'] === true) {
    const { checkStaged } = await import('../hook/staged-check.js');
    const outcome = await checkStaged({ cwd: context.cwd, env: context.env }, flags);
    writeLines(context.stderr, outcome.stderr);
    writeLines(context.stdout, args.values['quiet'] === true ? [] : outcome.stdout);
    return outcome.code;
  }
  const result = await runPipeline(
    { cwd: context.cwd, flags, write: false },
    openRunCache(context.cwd, flags, context.env),
  );
  if (result.plan === undefined) {
    printDiagnostics(context.stderr, result.configDiagnostics);
    return EXIT_PROBLEMS;
  }
  const { plan } = result;
  printDiagnostics(context.stderr, plan.diagnostics);
  if (!plan.valid) return EXIT_PROBLEMS;
  const changed = plan.files.filter((file) => file.merge.changed);
  // A document made while its commit was being made shows "this commit" (or TBD) where a fresh
  // rendering now knows the hash: that alone does not make it stale.
  const current =
    changed.length === 0 ? new Set<string>() : await currentAsCommitted(context, flags, changed);
  const stale = plan.files.filter(
    (file) => (file.merge.changed && !current.has(file.path)) || isSkipped(file),
  );
  if (args.values['quiet'] === true)
    for (const file of stale) writeLine(context.stdout, file.shownAs);
  else {
    for (const file of stale.filter(isSkipped))
      writeLine(context.stdout, `${file.shownAs}: not written (see the problems above)`);
    await printStaleDiffs(context.stdout, plan, stale);
    printConflicts(context.stdout, plan);
  }
  if (stale.length === 0 && !hasErrors(plan.diagnostics)) {
    writeLine(context.stdout, `${plural(plan.files.length, 'document')} up to date`);
    return EXIT_OK;
  }
  const conflicts = conflictCount(plan);
  writeLine(
    context.stdout,
    `${plural(stale.length, 'document')} out of date${conflicts > 0 ? `, ${plural(conflicts, 'conflict')}` : ''}: run trackgen generate`,
  );
  return EXIT_PROBLEMS;
}

async function currentAsCommitted(
  context: CliContext,
  flags: Flags,
  changed: readonly PlannedFile[],
): Promise<Set<string>> {
  const { loadSettings } = await import('../config/load.js');
  const { settings } = loadSettings(context.cwd, flags);
  if (settings === undefined) return new Set();
  const asCommitted = await import('../pipeline/as-committed.js');
  return asCommitted.currentAsCommitted(settings, changed, {
    plan: { cwd: context.cwd },
    gitCwd: context.cwd,
    env: context.env,
  });
}
