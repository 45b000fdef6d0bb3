/** `trackgen generate --watch`: a run now, then one a save, until Ctrl-C (or the context's signal). */
import { stat } from 'node:fs/promises';
import { loadSettings, type Settings } from '../config/load.js';
import { EXIT_OK } from '../exit-codes.js';
import { writeReport } from '../pipeline/describe.js';
import { planDocuments } from '../pipeline/plan.js';
import { writePlannedFiles } from '../pipeline/write-planned-files.js';
import { shownPath } from '../text/paths.js';
import { configTargets, watchedSummary, watchTargets } from '../watch/targets.js';
import { DEBOUNCE_MS, watchAndRun } from '../watch/watch.js';
import type { ParsedArgs } from './command.js';
import { writeLine, type CliContext } from './io.js';
import { printDiagnostics } from './print-diagnostics.js';
import { printReport } from './print-plan.js';
import { forceAndAdopt, settingsFlags } from './shared-flags.js';

/** Stopping the watch is its normal end: exit 0, whatever the last run found. */
export async function watchDocuments(context: CliContext, args: ParsedArgs): Promise<number> {
  const controller = context.signal === undefined ? new AbortController() : undefined;
  const signal = context.signal ?? (controller as AbortController).signal;
  const onInterrupt = () => controller?.abort();
  if (controller !== undefined) process.once('SIGINT', onInterrupt);
  const shown = (path: string) => shownPath(context.cwd, path);
  let settings: Settings | undefined;

  const generateOnce = async (trigger: string): Promise<void> => {
    const prefix = `${clock()}  ${trigger}: `;
    let loaded: ReturnType<typeof loadSettings>;
    try {
      loaded = loadSettings(context.cwd, settingsFlags(args));
    } catch (error) {
      // A config that cannot even be read (a directory in its place) is one more bad save.
      writeLine(
        context.stderr,
        `${prefix}nothing written: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    if (loaded.settings === undefined) {
      printDiagnostics(context.stderr, loaded.diagnostics);
      writeLine(context.stderr, `${prefix}nothing written: fix the config file first`);
      return;
    }
    settings = loaded.settings;
    const dataDir = await stat(settings.dataDir).catch(() => undefined);
    if (dataDir?.isDirectory() !== true) {
      writeLine(
        context.stderr,
        `${prefix}nothing written: data directory not found: ${shown(settings.dataDir)}`,
      );
      return;
    }
    try {
      const plan = await planDocuments(settings, {
        cwd: context.cwd,
        ...forceAndAdopt(args),
        ...(args.values['out'] === undefined ? {} : { outDirFromFlag: true }),
      });
      const { written, diagnostics } = plan.valid
        ? await writePlannedFiles(plan)
        : { written: new Set<string>(), diagnostics: [] };
      const reported = { ...plan, diagnostics: [...plan.diagnostics, ...diagnostics] };
      printReport(context, writeReport(reported, written, { quiet: true, prefix }));
    } catch (error) {
      // One bad save must not end the watch: say what failed and wait for the next one.
      writeLine(
        context.stderr,
        `${prefix}failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };

  // Settings first, so the watchers are armed before the first run.
  settings = loadSettings(context.cwd, settingsFlags(args)).settings;
  await watchAndRun({
    initial: async () => {
      await generateOnce('start');
      if (settings === undefined) return;
      const watched = watchedSummary(settings, context.cwd);
      writeLine(context.stdout, `watching ${watched.join(', ')} (Ctrl-C to stop)`);
    },
    // Until the config is readable, watch for it to be fixed.
    targets: () =>
      settings === undefined
        ? configTargets(context.cwd)
        : watchTargets(settings, context.cwd, context.env),
    run: (changed) => generateOnce(describe(changed.map(shown))),
    signal,
    debounceMs: DEBOUNCE_MS,
  });
  if (controller !== undefined) process.off('SIGINT', onInterrupt);
  return EXIT_OK;
}

function describe(changed: readonly string[]): string {
  const [first] = changed;
  return changed.length <= 1
    ? `${first ?? 'a file'} changed`
    : `${first} and ${changed.length - 1} more changed`;
}

function clock(): string {
  const now = new Date();
  return [now.getHours(), now.getMinutes(), now.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
}
