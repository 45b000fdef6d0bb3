import { resolve } from 'node:path';
import { EXIT_OK, EXIT_PROBLEMS } from '../../exit-codes.js';
import { plannedMigrations } from '../../record/migrate.js';
import { readTextKeepingBom } from '../../fs/text-keeping-bom.js';
import { writeFilesAtomically } from '../../write/index.js';
import { commandData } from '../command-data.js';
import type { Command } from '../command.js';
import { writeLine } from '../io.js';
import { printDiagnostics } from '../print-diagnostics.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'upgrade session records: write what newer trackgen keeps in them, formatting kept',
  help: `Usage: trackgen migrate [--check] [--data DIR]

Upgrades session records to what this trackgen keeps in them, by editing only the
values it adds: formatting, key order and everything else stay byte for byte.

Today it adds "standing" to each complete session that has none: the phase's size
and progress and the campaign's TRUE 100% count once the session ended, so its
summary never changes when the project changes later. The figures come from
project.json as it is now: run migrate before adding modules to a phase, and check
the figures it prints.

Options:
  --check      write nothing; exit 1 when a record needs migrating
  --data DIR   data directory (default: data, or "data" in trackgen.config.json)
  -h, --help   show this help

Exit codes: 0 migrated (or nothing to do), 1 problems found (invalid data; with
--check, records that need migrating), 2 usage or tool error.`,
  options: { check: { type: 'boolean' }, data: { type: 'string' } },
  allowPositionals: false,
  async run(context, args) {
    const data = typeof args.values['data'] === 'string' ? args.values['data'] : undefined;
    const loaded = await commandData(context, { data }, 'nothing migrated');
    if (loaded === undefined) return EXIT_PROBLEMS;
    printDiagnostics(context.stderr, loaded.diagnostics);
    const migrations = plannedMigrations(loaded.data.project, loaded.data.sessions);
    if (migrations.length === 0) {
      writeLine(context.stdout, 'every record is up to date');
      return EXIT_OK;
    }
    const check = args.values['check'] === true;
    const files = await Promise.all(
      migrations.map(async (migration) => {
        const path = resolve(context.cwd, migration.record.source.file);
        const text = await readTextKeepingBom(path);
        return { path, content: text.restore(migration.migrate(text.text)) };
      }),
    );
    if (!check) writeFilesAtomically(files);
    for (const migration of migrations)
      writeLine(
        context.stdout,
        `${check ? 'needs migrate' : 'migrated'} ${migration.record.source.file}: ${migration.description}`,
      );
    return check ? EXIT_PROBLEMS : EXIT_OK;
  },
};
