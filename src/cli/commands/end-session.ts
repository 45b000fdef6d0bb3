import { join, relative } from 'node:path';
import { figureValue } from '../../data/figures.js';
import { locate } from '../../data/json-text.js';
import { SESSIONS_DIR, sessionFileName, type SessionRecord } from '../../data/load.js';
import { formatDiagnostic, type Diagnostic } from '../../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../../exit-codes.js';
import { emptyRunProblems } from '../../record/capture.js';
import { applyEdits, endSessionChange } from '../../record/session-edits.js';
import { findModuleCoverage } from '../../model/coverage-lookup.js';
import { readTextKeepingBom } from '../../fs/text-keeping-bom.js';
import { toSlashes } from '../../text/paths.js';
import { writeFilesAtomically } from '../../write/index.js';
import { commandData } from '../command-data.js';
import type { Command } from '../command.js';
import { writeLine } from '../io.js';
import { parseDate, parseSessionNumber } from '../parse-flags.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { localToday, sessionReport } from '../read-reports.js';

export const endSessionCommand: Command = {
  name: 'end-session',
  summary: 'mark the session in progress complete, with its final coverage figures from the report',
  help: `Usage: trackgen end-session [--session N] [--date YYYY-MM-DD] [REPORT...]

Ends the session in progress (the latest one, or --session N): reads the coverage
report and writes into data/sessions/NNN.json
  - "status": "complete" and "date" (--date, else the record's date, else today);
  - each module's "final" figures and the overall "projectCoverage.final", as
    coverage.py shows them; a module the report shows at TRUE 100% is marked
    "outcome": "complete";
  - "captured.final": the report's own time, the project's totals and both TRUE 100%
    counts (the campaign's and the report's);
  - "standing": the phase's size and progress and the campaign count as they are now,
    so the session's summary never changes when the project does later.
Only those values change; your formatting, key order and everything else stay.

Options:
  --session N      the session to end (default: the latest session in progress)
  --date DATE      the session's date, YYYY-MM-DD (default: the record's, else today)
  --data DIR       data directory (default: data, or "data" in trackgen.config.json)
  REPORT           the report(s) to read (default: the report of project.json or
                   trackgen.config.json)
  -h, --help       show this help

Exit codes: 0 ended, 1 problems found (the session is not in progress, no report or
one taken before the session, a module not in the report, invalid data; nothing
written), 2 usage or tool error.`,
  options: { session: { type: 'string' }, date: { type: 'string' }, data: { type: 'string' } },
  allowPositionals: true,
  async run(context, args) {
    const number = parseSessionNumber(args.values['session'], '--session');
    const date = args.values['date'] === undefined ? undefined : parseDate(args.values['date']);
    const data = typeof args.values['data'] === 'string' ? args.values['data'] : undefined;
    const loaded = await commandData(context, { data }, 'nothing written');
    if (loaded === undefined) return EXIT_PROBLEMS;
    const { settings } = loaded;
    printDiagnostics(context.stderr, loaded.diagnostics);
    const records = loaded.data.sessions;
    const record =
      number === undefined
        ? [...records].reverse().find((candidate) => candidate.session.status === 'in-progress')
        : records.find((candidate) => candidate.session.number === number);
    const fail = (at: SessionRecord | undefined, message: string): number => {
      const line =
        at === undefined
          ? `end-session: ${message}`
          : formatDiagnostic(problemAt(at, 'complete-session', message));
      writeLine(context.stderr, line);
      return EXIT_PROBLEMS;
    };
    if (record === undefined)
      return number === undefined
        ? fail(
            undefined,
            'no session is in progress: start one with trackgen new-session; nothing written',
          )
        : fail(
            undefined,
            `no record for session ${number}: expected ${toSlashes(relative(context.cwd, join(settings.dataDir, SESSIONS_DIR, sessionFileName(number))))}; nothing written`,
          );
    const { session } = record;
    if (session.status !== 'in-progress')
      return fail(
        record,
        `session ${session.number} is ${session.status}, expected a session in progress (${session.status === 'planned' ? 'start it with trackgen new-session' : 'it has ended already'}); nothing written`,
      );

    const report = sessionReport(
      context.cwd,
      settings,
      loaded.data.project.coverageReport,
      args.positionals,
    );
    if (report === undefined)
      return fail(
        record,
        `no coverage report to end session ${session.number} with: run pytest --cov, and name the report in "coverageReport" or as REPORT; nothing written`,
      );
    printDiagnostics(context.stderr, report.warnings);
    const day = date ?? session.date ?? localToday();
    if (report.time !== undefined && report.time.date < (session.date ?? day))
      return fail(
        record,
        `${report.source} was taken on ${report.time.date}, before session ${session.number} (${session.date ?? day}): run pytest --cov, then end-session again; nothing written`,
      );
    if (report.time === undefined)
      writeLine(context.stderr, `note: ${report.source} has no timestamp: taken as current`);

    const change = endSessionChange(
      {
        session,
        project: loaded.data.project,
        sessions: records.map((candidate) => candidate.session),
        report,
      },
      day,
    );
    if (change.figures.missing.length > 0) {
      printDiagnostics(
        context.stderr,
        change.figures.missing.map((module) => ({
          ...problemAt(
            record,
            'not-in-report',
            `${module.id}: expected ${report.source} to list ${module.path}, found no such file; nothing written`,
            ['modules', module.index, 'module'],
          ),
        })),
      );
      return EXIT_PROBLEMS;
    }
    const expected = (session.modules ?? []).flatMap((entry) =>
      entry.start === undefined ? [] : [entry.module],
    );
    for (const problem of emptyRunProblems(report, expected, (id) => {
      const path = loaded.data.project.phases
        .flatMap((phase) => phase.modules ?? [])
        .find((module) => module.id === id)?.path;
      return path !== undefined && findModuleCoverage(report, path) !== undefined;
    }))
      writeLine(
        context.stderr,
        formatDiagnostic(problemAt(record, 'empty-run', problem, [], 'warning')),
      );

    const path = join(settings.dataDir, SESSIONS_DIR, sessionFileName(session.number));
    const text = await readTextKeepingBom(path);
    writeFilesAtomically([{ path, content: text.restore(applyEdits(text.text, change.edits)) }]);
    const shownAs = toSlashes(relative(context.cwd, path));
    const modules = change.figures.modules
      .map(
        (module) =>
          `${module.id} ${String(figureValue(module.figures.percent))}%${change.completed.includes(module.id) ? ' (TRUE 100%: complete)' : ''}`,
      )
      .join(', ');
    writeLine(
      context.stdout,
      `ended session ${session.number} (${day}) in ${shownAs}: project ${change.figures.projectPercent}%${modules === '' ? '' : `, ${modules}`}`,
    );
    writeLine(context.stdout, 'next: trackgen generate, then commit');
    return EXIT_OK;
  },
};

function problemAt(
  record: SessionRecord,
  rule: Diagnostic['rule'],
  message: string,
  path: readonly (string | number)[] = ['status'],
  severity: Diagnostic['severity'] = 'error',
): Diagnostic {
  const source = record.source;
  return {
    file: source.file,
    ...source.lines.position(locate(source, [...path]).offset),
    severity,
    rule,
    message,
  };
}
