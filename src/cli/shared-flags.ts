/** The flags several commands share, declared once so their spelling and meaning cannot drift. */
import type { Flags } from '../config/settings.js';
import type { OptionsConfig, ParsedArgs } from './command.js';

/** Where the inputs and outputs are: generate, check and accept take these. */
export const settingsOptions = {
  data: { type: 'string' },
  out: { type: 'string' },
  templates: { type: 'string' },
  report: { type: 'string', multiple: true },
} as const satisfies OptionsConfig;

export function settingsFlags(args: ParsedArgs): Flags {
  const text = (name: string): string | undefined => {
    const value = args.values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const reports = args.values['report'];
  return {
    data: text('data'),
    out: text('out'),
    templates: text('templates'),
    report: Array.isArray(reports) ? reports.map(String) : undefined,
  };
}

/**
 * generate's --force SECTION (`ID` or `FILE:ID`, repeatable, or "all"), --adopt and --repair-encoding, as the merge
 * takes them.
 */
export function forceAndAdopt(args: ParsedArgs): {
  force?: 'all' | readonly string[];
  adopt?: boolean;
  repairEncoding?: boolean;
} {
  const force = args.values['force'];
  const ids = Array.isArray(force) ? force.map(String) : [];
  return {
    ...(ids.length === 0 ? {} : { force: ids.includes('all') ? 'all' : ids }),
    ...(args.values['adopt'] === true ? { adopt: true } : {}),
    ...(args.values['repair-encoding'] === true ? { repairEncoding: true } : {}),
  };
}
