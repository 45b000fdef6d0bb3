import { loadSettings, type Flags, type Settings } from '../config/load.js';
import type { CliContext } from './io.js';
import { printDiagnostics } from './print-diagnostics.js';

/** Validated settings for a command, or undefined after printing what is wrong with the config. */
export function commandSettings(context: CliContext, flags: Flags): Settings | undefined {
  const { settings, diagnostics } = loadSettings(context.cwd, flags);
  if (settings === undefined) printDiagnostics(context.stderr, diagnostics);
  return settings;
}
