import { join, relative } from 'node:path';
import { requireDataDir } from '../config/data-dir.js';
import type { Flags, Settings } from '../config/settings.js';
import {
  loadProjectData,
  SESSIONS_DIR,
  sessionFileName,
  type ProjectData,
  type SessionRecord,
} from '../data/load.js';
import { sameSession, type SessionId } from '../data/session-id.js';
import { UsageError, type Diagnostic } from '../diagnostics.js';
import { toSlashes } from '../text/paths.js';
import { commandSettings } from './command-settings.js';
import { writeLine, type CliContext } from './io.js';
import { printDiagnostics } from './print-diagnostics.js';

export interface CommandData {
  readonly settings: Settings;
  readonly data: ProjectData;
  /** The data's warnings (there are no errors), for the command to print when it wants. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Settings and valid project data for a command that writes records, or undefined after
 * printing the problems and `refusal` (what the command did not do): such a command never
 * writes while the data it builds on is invalid.
 */
export async function commandData(
  context: CliContext,
  flags: Flags,
  refusal: string,
): Promise<CommandData | undefined> {
  const settings = commandSettings(context, flags);
  if (settings === undefined) return undefined;
  await requireDataDir(settings, context.cwd);
  const { data, diagnostics } = await loadProjectData(settings.dataDir, { cwd: context.cwd });
  if (data === undefined) {
    printDiagnostics(context.stderr, diagnostics);
    writeLine(context.stderr, `${refusal}: fix the problems above first`);
    return undefined;
  }
  return { settings, data, diagnostics };
}

/** A session's record, its path and how messages name it; a usage error when it has none. */
export function existingSessionRecord(
  loaded: CommandData,
  number: SessionId,
  cwd: string,
): { readonly record: SessionRecord; readonly path: string; readonly shownAs: string } {
  const path = join(loaded.settings.dataDir, SESSIONS_DIR, sessionFileName(number));
  const shownAs = toSlashes(relative(cwd, path));
  const record = loaded.data.sessions.find((candidate) =>
    sameSession(candidate.session.number, number),
  );
  if (record === undefined)
    throw new UsageError(
      `no record for session ${number}: expected ${shownAs} (create it with trackgen new-session --number ${number})`,
    );
  return { record, path, shownAs };
}
