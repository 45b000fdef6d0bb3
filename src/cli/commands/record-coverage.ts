import { relative, resolve } from 'node:path';
import { locate } from '../../data/json-text.js';
import { figureValue } from '../../data/figures.js';
import type { Module } from '../../data/schema.js';
import { UsageError, type Diagnostic } from '../../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../../exit-codes.js';
import { reportPaths } from '../../pipeline/report-paths.js';
import { emptyRunProblems } from '../../record/capture.js';
import { applyEdits, recordCoverageChange } from '../../record/session-edits.js';
import type { Stage } from '../../record/write-figures.js';
import { findModuleCoverage } from '../../model/coverage-lookup.js';
import { readTextKeepingBom } from '../../fs/text-keeping-bom.js';
import { toSlashes } from '../../text/paths.js';
import { writeFilesAtomically } from '../../write/index.js';
import { commandData, existingSessionRecord } from '../command-data.js';
import type { Command } from '../command.js';
import { writeLine } from '../io.js';
import { readReports } from '../read-reports.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { parseSessionNumber } from '../parse-flags.js';

export const recordCoverageCommand: Command = {
  name: 'record-coverage',
  summary: "store a session's coverage figures (start or final) in its record, from a report",
  help: `Usage: trackgen record-coverage --session N [--stage start|final] [--force] [REPORT...]

Reads the coverage report (Cobertura XML or coverage.py JSON; several are merged)
and stores in data/sessions/NNN.json the overall percent ("projectCoverage") and,
for each module of the session, "percent", "statements", "missed" and, when the
report measured branches, "branches", "coveredBranches" and "partialBranches" —
as coverage.py shows them, and "captured.start" or "captured.final": the report's
own time, the project's totals and both TRUE 100% counts. The history then stays
reproducible without keeping old reports.

A complete session's figures are history: a report taken after the session's
date is refused (--force replaces them anyway, with a warning). A report from a
failed or empty run (nothing executed, or modules the record had figures for
missing) is recorded with a warning.

The record is edited in place: only those figures change; your formatting, key
order and everything else in the file stay byte for byte.

Options:
  --session N      the session whose record to update (required; 61a for a split session)
  --stage STAGE    start (before the work) or final (after it; the default)
  --force          replace a complete session's figures with a later report
  --data DIR       data directory (default: data, or "data" in trackgen.config.json)
  REPORT           the report(s) to read (default: the report of project.json or
                   trackgen.config.json)
  -h, --help       show this help

The config, trackgen.config.json (or "trackgen" in package.json), is found in this
folder or the nearest parent that has one, up to the repository's top (the folder
with .git); its paths are relative to its folder, flags to this one.

Exit codes: 0 recorded, 1 problems found (invalid data or config, a missing or
unreadable report, a module of the session not in the report, a complete session
and a later report without --force; nothing written),
2 usage or tool error (no --session, no record for it, a bad --stage).`,
  options: {
    session: { type: 'string' },
    stage: { type: 'string' },
    data: { type: 'string' },
    force: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(context, args) {
    const number = parseSessionNumber(args.values['session'], '--session');
    if (number === undefined)
      throw new UsageError(
        'expected --session N, the session whose record to update (see trackgen record-coverage --help)',
      );
    const stage = parseStage(args.values['stage']);
    const data = typeof args.values['data'] === 'string' ? args.values['data'] : undefined;
    const loaded = await commandData(context, { data }, 'nothing recorded');
    if (loaded === undefined) return EXIT_PROBLEMS;
    const { settings } = loaded;
    printDiagnostics(context.stderr, loaded.diagnostics);
    const { record, path, shownAs } = existingSessionRecord(loaded, number, context.cwd);

    const paths =
      args.positionals.length > 0
        ? args.positionals.map((file) => resolve(context.cwd, file))
        : reportPaths(settings, loaded.data.project.coverageReport);
    if (paths.length === 0)
      throw new UsageError(
        'expected a REPORT, or "coverageReport" in data/project.json, found neither',
      );
    const report = readReports(
      paths,
      paths.map((file) => toSlashes(relative(context.cwd, file))),
    );

    printDiagnostics(context.stderr, report.warnings);
    const session = record.session;
    // A complete session's figures are history: a report taken after it describes a later project.
    const takenAfter =
      session.status === 'complete' &&
      session.date !== undefined &&
      (report.time === undefined || report.time.date > session.date);
    const force = args.values['force'] === true;
    const when =
      report.time === undefined
        ? 'has no timestamp (taken as current)'
        : `was taken on ${report.time.date}`;
    if (takenAfter) {
      const diagnostic: Diagnostic = {
        file: record.source.file,
        ...record.source.lines.position(locate(record.source, ['status']).offset),
        severity: force ? 'warning' : 'error',
        rule: 'complete-session',
        message: force
          ? `session ${number} is complete (${session.date ?? ''}) and ${report.source} ${when}: its recorded ${stage} figures are replaced (--force)`
          : `session ${number} is complete (${session.date ?? ''}) and ${report.source} ${when}, after it: its recorded figures stay; pass --force to replace them anyway; nothing recorded`,
      };
      printDiagnostics(context.stderr, [diagnostic]);
      if (!force) return EXIT_PROBLEMS;
    }
    const modulesById = new Map<string, Module>(
      loaded.data.project.phases.flatMap((phase) =>
        (phase.modules ?? []).map((module) => [module.id, module] as const),
      ),
    );
    const previousPaths = (session.modules ?? []).flatMap((entry) =>
      (stage === 'final' ? (entry.final ?? entry.start) : entry.start) === undefined
        ? []
        : [modulesById.get(entry.module)?.path ?? entry.module],
    );
    for (const problem of emptyRunProblems(
      report,
      previousPaths,
      (path) => findModuleCoverage(report, path) !== undefined,
    ))
      printDiagnostics(context.stderr, [
        {
          file: report.sources[0] ?? report.source,
          line: 1,
          column: 1,
          severity: 'warning',
          rule: 'empty-run',
          message: problem,
        },
      ]);
    const change = recordCoverageChange(
      {
        session,
        project: loaded.data.project,
        sessions: loaded.data.sessions.map((candidate) => candidate.session),
        report,
      },
      stage,
    );
    const figures = change.figures;
    if (figures.missing.length > 0) {
      const source = record.source;
      const problems: Diagnostic[] = figures.missing.map((module) => ({
        file: source.file,
        ...source.lines.position(locate(source, ['modules', module.index, 'module']).offset),
        severity: 'error',
        rule: 'not-in-report',
        message: `${module.id}: expected ${report.source} to list ${module.path}, found no such file; nothing recorded`,
      }));
      printDiagnostics(context.stderr, problems);
      return EXIT_PROBLEMS;
    }

    const text = await readTextKeepingBom(path);
    const updated = text.restore(applyEdits(text.text, change.edits));
    const [outcome] = writeFilesAtomically([{ path, content: updated }]);
    const modules = figures.modules
      .map((module) => `${module.id} ${String(figureValue(module.figures.percent))}%`)
      .join(', ');
    writeLine(
      context.stdout,
      `${outcome?.status === 'unchanged' ? 'unchanged' : 'recorded '} ${stage} coverage of session ${String(number)} in ${shownAs}: project ${figures.projectPercent}%${modules === '' ? '' : `, ${modules}`}`,
    );
    return EXIT_OK;
  },
};

function parseStage(value: unknown): Stage {
  if (value === undefined) return 'final';
  if (value === 'start' || value === 'final') return value;
  throw new UsageError(`--stage expects start or final, found ${JSON.stringify(value)}`);
}
