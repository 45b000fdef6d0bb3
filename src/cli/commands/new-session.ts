import { join, relative, resolve } from 'node:path';
import { locate } from '../../data/json-text.js';
import { loadProjectData, SESSIONS_DIR, sessionFileName } from '../../data/load.js';
import type { SessionRecord } from '../../data/load.js';
import { UsageError, formatDiagnostic, hasErrors } from '../../diagnostics.js';
import { applyEdits, startSessionChange } from '../../record/session-edits.js';
import { writeFilesAtomically } from '../../write/index.js';
import type { CliContext } from '../io.js';
import type { CommandData } from '../command-data.js';
import { localToday, sessionReport } from '../read-reports.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../../exit-codes.js';
import { findModule, formatRecord, scaffoldSession } from '../../session/scaffold.js';
import { closestWord } from '../../text/closest-word.js';
import { readTextKeepingBom } from '../../fs/text-keeping-bom.js';
import { toSlashes } from '../../text/paths.js';
import { createNewFile } from '../../write/new-files.js';
import { commandData } from '../command-data.js';
import type { Command } from '../command.js';
import { writeLine } from '../io.js';
import { parseDate, parseSessionNumber } from '../parse-flags.js';
import { printDiagnostics } from '../print-diagnostics.js';

export const newSessionCommand: Command = {
  name: 'new-session',
  summary: 'scaffold data/sessions/NNN.json for the next session, pre-filled, and validate it',
  help: `Usage: trackgen new-session [--number N] [--module NAME] [--date YYYY-MM-DD] [REPORT...]

Writes data/sessions/NNN.json for the next session with "status": "in-progress",
then validates the data. The next session is the one after the last session that
was started (planned records do not count). The record is pre-filled from the
session before it: its phase, the modules it left in progress (their final
figures become the new start) and its final overall coverage; when it left none
in progress, with the phase's next module that no session has completed.

When the session is planned (it has a record with "status": "planned"), that
record is started instead: "status" becomes "in-progress", "date" is set, its
planned modules are started, and the start figures ("start" of each module,
"projectCoverage.start", "captured.start") come from the coverage report when it
is not older than the session before. Only those values change in the file. Any
other existing record is never overwritten: nothing is written and the command
says so.

Options:
  --number N       the session number, 61a for a split session (default: the next session)
  --module NAME    the module to work on: its id, path or file name in project.json
  --date DATE      the session's date, YYYY-MM-DD (default: today, local time)
  --data DIR       data directory (default: data, or "data" in trackgen.config.json)
  REPORT           the report(s) to start a planned session from (default: the
                   report of project.json or trackgen.config.json)
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
  allowPositionals: true,
  async run(context, args) {
    const number = parseSessionNumber(args.values['number'], '--number');
    const date = parseDateOrToday(args.values['date']);
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
    if (!scaffold.ok && scaffold.existing.session.status === 'planned')
      return startPlanned(context, loaded, scaffold.existing, date, args.positionals);
    if (!scaffold.ok) {
      const source = scaffold.existing.source;
      const status = scaffold.existing.session.status;
      const place = source.lines.position(locate(source, ['status']).offset);
      const advice = `it is ${status}; nothing written (pass --number for another session)`;
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

function parseDateOrToday(value: unknown): string {
  return value === undefined ? localToday() : parseDate(value);
}

/**
 * Starts a planned session in its own record: in progress, dated, planned modules started, and
 * the start figures from the report when the report is not older than the session before.
 */
async function startPlanned(
  context: CliContext,
  loaded: CommandData,
  record: SessionRecord,
  date: string,
  positionals: readonly string[],
): Promise<number> {
  const { session } = record;
  const sessions = loaded.data.sessions.map((candidate) => candidate.session);
  const previous = [...sessions]
    .reverse()
    .find((candidate) => candidate.number < session.number && candidate.status !== 'planned');
  const notes: string[] = [];
  let report = sessionReport(
    context.cwd,
    loaded.settings,
    loaded.data.project.coverageReport,
    positionals,
  );
  if (report === undefined) notes.push('no coverage report named: start figures not recorded');
  else if (
    report.time !== undefined &&
    previous?.date !== undefined &&
    report.time.date < previous.date
  ) {
    notes.push(
      `${report.source} was taken on ${report.time.date}, before session ${previous.number} (${previous.date}): start figures not recorded; run pytest --cov, then trackgen record-coverage --session ${session.number} --stage start`,
    );
    report = undefined;
  }
  const change = startSessionChange(
    { session, project: loaded.data.project, sessions, report },
    date,
  );
  if (report !== undefined && change.figures.missing.length > 0) {
    notes.push(
      `${change.figures.missing.map((module) => module.path).join(', ')} not in ${report.source}: start figures not recorded`,
    );
  }
  const edits =
    report !== undefined && change.figures.missing.length > 0
      ? startSessionChange(
          { session, project: loaded.data.project, sessions, report: undefined },
          date,
        ).edits
      : change.edits;
  const path = resolve(context.cwd, record.source.file);
  const text = await readTextKeepingBom(path);
  writeFilesAtomically([{ path, content: text.restore(applyEdits(text.text, edits)) }]);
  const modules = (session.modules ?? []).map((entry) => entry.module).join(', ');
  const figures =
    report === undefined || change.figures.missing.length > 0
      ? ''
      : `: project ${change.figures.projectPercent}% at the start`;
  writeLine(
    context.stdout,
    `started ${record.source.file}: session ${session.number}${modules === '' ? '' : `, ${modules}`}, in progress since ${date}${figures}`,
  );
  for (const note of notes) writeLine(context.stdout, `note: ${note}`);
  writeLine(context.stdout, 'next: pytest --cov, then trackgen end-session');
  return EXIT_OK;
}
