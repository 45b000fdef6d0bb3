import { join, relative } from 'node:path';
import { locate } from '../../data/json-text.js';
import { loadProjectData, SESSIONS_DIR, sessionFileName } from '../../data/load.js';
import { sessionBaseNumber } from '../../data/session-id.js';
import { DATE_PATTERN } from '../../data/schema.js';
import { UsageError, formatDiagnostic, hasErrors } from '../../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../../exit-codes.js';
import { findModule, formatRecord, scaffoldSession } from '../../session/scaffold.js';
import { closestWord } from '../../text/closest-word.js';
import { toSlashes } from '../../text/paths.js';
import { createNewFile } from '../../write/new-files.js';
import { commandData } from '../command-data.js';
import type { Command } from '../command.js';
import { writeLine } from '../io.js';
import { parseSessionNumber } from '../parse-flags.js';
import { printDiagnostics } from '../print-diagnostics.js';

export const newSessionCommand: Command = {
  name: 'new-session',
  summary: 'scaffold data/sessions/NNN.json for the next session, pre-filled, and validate it',
  help: `Usage: trackgen new-session [--number N] [--module NAME] [--date YYYY-MM-DD]

Writes data/sessions/NNN.json for the next session with "status": "in-progress",
then validates the data. The next session is the one after the last session that
was started (planned records do not count). The record is pre-filled from the
session before it: its phase, the modules it left in progress (their final
figures become the new start) and its final overall coverage; when it left none
in progress, with the phase's next module that no session has completed.

An existing record is never overwritten: when the session already has a record
(for example a planned one), nothing is written and the command says which file
to edit instead.

Options:
  --number N       the session number, 61a for a split session (default: the next session)
  --module NAME    the module to work on: its id, path or file name in project.json
  --date DATE      the session's date, YYYY-MM-DD (default: today, local time)
  --data DIR       data directory (default: data, or "data" in trackgen.config.json)
  -h, --help       show this help

The config, trackgen.config.json (or "trackgen" in package.json), is found in this
folder or the nearest parent that has one, up to the repository's top (the folder
with .git); its paths are relative to its folder, flags to this one.

Exit codes: 0 written and valid, 1 problems found (the record exists, invalid data
or config), 2 usage or tool error (an unknown module, a bad number or date).`,
  options: {
    number: { type: 'string' },
    module: { type: 'string' },
    date: { type: 'string' },
    data: { type: 'string' },
  },
  allowPositionals: false,
  async run(context, args) {
    const number = parseSessionNumber(args.values['number'], '--number');
    const date = parseDate(args.values['date']);
    const data = typeof args.values['data'] === 'string' ? args.values['data'] : undefined;
    const loaded = await commandData(context, { data }, 'nothing written');
    if (loaded === undefined) return EXIT_PROBLEMS;
    const dataDir = loaded.settings.dataDir;
    const moduleName = args.values['module'];
    const module = typeof moduleName === 'string' ? findModule(loaded.data, moduleName) : undefined;
    if (typeof moduleName === 'string' && module === undefined) {
      const ids = loaded.data.project.phases.flatMap((phase) =>
        (phase.modules ?? []).map((candidate) => candidate.id),
      );
      const hint = closestWord(moduleName, ids);
      throw new UsageError(
        `--module ${JSON.stringify(moduleName)}: no such module in project.json${hint === undefined ? ` (expected one of: ${ids.join(', ')})` : `; did you mean "${hint}"?`}`,
      );
    }

    const scaffold = scaffoldSession(loaded.data, {
      date,
      ...(number === undefined ? {} : { number }),
      ...(module === undefined ? {} : { module }),
    });
    if (!scaffold.ok) {
      const source = scaffold.existing.source;
      const status = scaffold.existing.session.status;
      const place = source.lines.position(locate(source, ['status']).offset);
      const advice =
        status === 'planned'
          ? `it is planned: to start it, set "status" to "in-progress" and "date" there (or pass --number ${sessionBaseNumber(scaffold.number) + 1} for a new record)`
          : `it is ${status}; nothing written (pass --number for another session)`;
      writeLine(
        context.stderr,
        formatDiagnostic({
          file: source.file,
          ...place,
          severity: 'error',
          rule: 'record-exists',
          message: `session ${scaffold.number} already has a record: ${advice}`,
        }),
      );
      return EXIT_PROBLEMS;
    }

    const path = join(dataDir, SESSIONS_DIR, sessionFileName(scaffold.number));
    const shownAs = toSlashes(relative(context.cwd, path));
    // Never replaces a file, even one that appeared since the data was read.
    if (!(await createNewFile(path, formatRecord(scaffold.session)))) {
      writeLine(
        context.stderr,
        `${shownAs}:1:1  error  record-exists  the file already exists; nothing written`,
      );
      return EXIT_PROBLEMS;
    }
    const modules = (scaffold.session.modules ?? []).map((entry) => entry.module).join(', ');
    writeLine(
      context.stdout,
      `created ${shownAs}: session ${scaffold.number}, phase ${scaffold.session.phase}${modules === '' ? '' : `, ${modules}`}, in progress`,
    );
    for (const note of scaffold.notes) writeLine(context.stdout, `note: ${note}`);

    const check = await loadProjectData(dataDir, { cwd: context.cwd });
    printDiagnostics(
      context.stderr,
      check.diagnostics.filter((diagnostic) => diagnostic.file === shownAs),
    );
    if (hasErrors(check.diagnostics)) return EXIT_PROBLEMS;
    writeLine(
      context.stdout,
      `next: trackgen record-coverage --session ${scaffold.number} --stage start`,
    );
    return EXIT_OK;
  },
};

function parseDate(value: unknown): string {
  if (value === undefined) {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  }
  const text = typeof value === 'string' ? value : '';
  const parsed = new Date(`${text}T00:00:00Z`);
  const real =
    DATE_PATTERN.test(text) &&
    !Number.isNaN(parsed.getTime()) &&
    parsed.toISOString().startsWith(text);
  if (!real)
    throw new UsageError(
      `--date expects a real date as YYYY-MM-DD, found ${JSON.stringify(value)}`,
    );
  return text;
}
