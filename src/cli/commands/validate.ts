import { requireDataDir } from '../../config/data-dir.js';
import { locate } from '../../data/json-text.js';
import { loadProjectData } from '../../data/load.js';
import { needsMigration } from '../../record/migrate.js';
import { hasErrors } from '../../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../../exit-codes.js';
import { readTestFiles, testFileDiagnostics } from '../../test-results/index.js';
import { plural } from '../../text/plural.js';
import { commandSettings } from '../command-settings.js';
import type { Command } from '../command.js';
import { writeLine } from '../io.js';
import { printDiagnostics } from '../print-diagnostics.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check data/project.json and data/sessions/*.json, report every problem',
  help: `Usage: trackgen validate [--data DIR]

Loads the project and every session record and reports every problem in every
file in one run, one line each:

  path:line:column  severity  rule  message

Data files are strict JSON (no comments, no trailing commas); a byte-order mark
is accepted with a warning.

Options:
  --data DIR   the data directory (default: "data", or "data" in trackgen.config.json)
  -h, --help   show this help

The config, trackgen.config.json (or "trackgen" in package.json), is found in this
folder or the nearest parent that has one, up to the repository's top (the folder
with .git); its paths are relative to its folder, flags to this one.

Exit codes: 0 valid (warnings may be printed), 1 problems found (invalid data or
config), 2 usage or tool error (a data directory that is not there).`,
  options: { data: { type: 'string' } },
  allowPositionals: false,
  async run(context, args) {
    const flag = args.values['data'];
    const settings = commandSettings(context, {
      data: typeof flag === 'string' ? flag : undefined,
    });
    if (settings === undefined) return EXIT_PROBLEMS;
    const dataDir = settings.dataDir;
    await requireDataDir(settings, context.cwd);
    const loaded = await loadProjectData(dataDir, { cwd: context.cwd });
    const data = loaded.data;
    const diagnostics = [
      ...loaded.diagnostics,
      ...(data === undefined ? [] : testFileDiagnostics(data, readTestFiles(data, settings.root))),
    ];
    if (hasErrors(diagnostics) || data === undefined) {
      printDiagnostics(context.stderr, diagnostics);
      return EXIT_PROBLEMS;
    }
    // Said once, at the first record that needs it: typed records are valid, only older.
    const older = data.sessions.filter(needsMigration);
    const first = older[0];
    printDiagnostics(context.stderr, [
      ...diagnostics,
      ...(first === undefined
        ? []
        : [
            {
              file: first.source.file,
              ...first.source.lines.position(locate(first.source, ['status']).offset),
              severity: 'warning' as const,
              rule: 'needs-migrate' as const,
              message: `${plural(older.length, 'complete session')} (${older.map((record) => record.session.number).join(', ')}) ${older.length === 1 ? 'has' : 'have'} no "standing": ${older.length === 1 ? 'its summary shows' : 'their summaries show'} no phase size; run trackgen migrate`,
            },
          ]),
    ]);
    writeLine(
      context.stdout,
      `${plural(data.sessions.length + 1, 'file')} valid: project.json and ${plural(data.sessions.length, 'session record')}`,
    );
    return EXIT_OK;
  },
};
