import { cachedCheck, recordCheck, type CheckInputs } from '../../pipeline/check-cache.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, writeLine, type CliContext, type OutputStream } from '../io.js';
import { generateOptions, settingsFlags } from '../settings-flags.js';

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

/**
 * With nothing changed since the last passing check, replays its output without loading the
 * pipeline (see pipeline/check-cache.ts); the pre-commit hook and CI run check on every commit.
 */
export async function runCheck(context: CliContext, args: ParsedArgs): Promise<number> {
  const run = { cwd: context.cwd, flags: args.values, env: context.env };
  const cached = cachedCheck(run);
  if (cached !== undefined) {
    context.stdout.write(cached.stdout);
    context.stderr.write(cached.stderr);
    return EXIT_OK;
  }
  const startedAt = Date.now();
  const stdout = recording(context.stdout);
  const stderr = recording(context.stderr);
  const result = await fullCheck({ ...context, stdout, stderr }, args);
  if (result.code === EXIT_OK && result.inputs !== undefined) recordCheck(run, result.inputs, { stdout: stdout.text(), stderr: stderr.text() }, startedAt);
  return result.code;
}

async function fullCheck(context: CliContext, args: ParsedArgs): Promise<{ code: number; inputs?: CheckInputs }> {
  const [{ loadSettings }, { hasErrors }, { planDocuments }, { plural, printDiagnostics }, { printConflicts, printStaleDiffs }, { requireDataDir }, { checkInputs }] = await Promise.all([
    import('../../config/load.js'),
    import('../../diagnostics.js'),
    import('../../pipeline/plan.js'),
    import('../print-diagnostics.js'),
    import('../print-plan.js'),
    import('../resolve-paths.js'),
    import('../../pipeline/check-inputs.js'),
  ]);
  const settingsResult = loadSettings(context.cwd, settingsFlags(args));
  if (settingsResult.settings === undefined) {
    printDiagnostics(context.stderr, settingsResult.diagnostics);
    return { code: EXIT_USAGE };
  }
  await requireDataDir(settingsResult.settings.dataDir);
  const plan = await planDocuments(settingsResult.settings, { cwd: context.cwd });
  printDiagnostics(context.stderr, plan.diagnostics);
  if (plan.model === undefined) return { code: EXIT_USAGE };
  const quiet = args.values['quiet'] === true;
  const stale = plan.files.filter((file) => file.merge.changed || file.merge.content === null);
  if (quiet) for (const file of stale) writeLine(context.stdout, file.shownAs);
  else {
    for (const file of stale) if (file.merge.content === null) writeLine(context.stdout, `${file.shownAs}: not written (see the problems above)`);
    await printStaleDiffs(context.stdout, plan, stale);
    printConflicts(context.stdout, plan);
  }
  const conflicts = plan.files.reduce((sum, file) => sum + file.merge.conflicts.length, 0);
  if (stale.length === 0 && !hasErrors(plan.diagnostics)) {
    writeLine(context.stdout, `${plural(plan.files.length, 'document')} up to date`);
    return { code: EXIT_OK, inputs: checkInputs(context.cwd, settingsResult.settings, plan) };
  }
  writeLine(context.stdout, `${plural(stale.length, 'document')} out of date${conflicts > 0 ? `, ${plural(conflicts, 'conflict')}` : ''}: run trackgen generate`);
  return { code: EXIT_PROBLEMS };
}

function recording(stream: OutputStream): OutputStream & { text(): string } {
  let text = '';
  return {
    write(chunk: string) {
      text += chunk;
      return stream.write(chunk);
    },
    text: () => text,
  };
}
