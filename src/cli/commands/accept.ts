import { requireDataDir } from '../../config/data-dir.js';
import { UsageError } from '../../diagnostics.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../../exit-codes.js';
import { acceptSections } from '../../merge/index.js';
import { planDocuments } from '../../pipeline/plan.js';
import { toSlashes } from '../../text/paths.js';
import { plural } from '../../text/plural.js';
import { writeFilesAtomically } from '../../write/index.js';
import { commandSettings } from '../command-settings.js';
import type { Command } from '../command.js';
import { writeLine } from '../io.js';
import { printDiagnostics } from '../print-diagnostics.js';
import { settingsFlags, settingsOptions } from '../shared-flags.js';

export const acceptCommand: Command = {
  name: 'accept',
  summary: 'adopt hand edits in generated sections as the new baseline',
  help: `Usage: trackgen accept [SECTION...] [--file DOC] [options]

Makes your edits inside generated sections the new baseline: they stop being
reported as hand edits, and a conflict with new data is resolved in favour of
your text. When the data behind an accepted section changes later, trackgen
reports a conflict again, so you see what changed.

Without SECTION, every hand-edited or conflicting section is accepted.

Options:
  --file DOC       only this document (path as printed by trackgen check)
  --data DIR       data directory (default: data)
  --out DIR        output directory (default: docs)
  --templates DIR  your templates directory
  --report FILE    coverage report to use instead of project.json's (repeatable)
  -h, --help       show this help

The config, trackgen.config.json (or "trackgen" in package.json), is found in this
folder or the nearest parent that has one, up to the repository's top (the folder
with .git); its paths are relative to its folder, flags to this one.

Exit codes: 0 ok, 1 problems found (invalid data or config, a missing or unreadable
report, broken markers, an unknown section), 2 usage or tool error.`,
  options: { ...settingsOptions, file: { type: 'string' } },
  allowPositionals: true,
  async run(context, args) {
    const settings = commandSettings(context, settingsFlags(args));
    if (settings === undefined) return EXIT_PROBLEMS;
    await requireDataDir(settings, context.cwd);
    const plan = await planDocuments(settings, { cwd: context.cwd });
    if (!plan.valid) {
      printDiagnostics(context.stderr, plan.diagnostics);
      return EXIT_PROBLEMS;
    }
    const only = typeof args.values['file'] === 'string' ? args.values['file'] : undefined;
    const files = plan.files.filter(
      (file) =>
        file.existing !== undefined && (only === undefined || file.shownAs === toSlashes(only)),
    );
    if (only !== undefined && files.length === 0)
      throw new UsageError(
        `--file ${only}: expected a generated document that exists, found none (see trackgen check)`,
      );
    const ids =
      args.positionals.length === 0 || args.positionals.includes('all')
        ? 'all'
        : new Set(args.positionals);
    const writes: { path: string; content: string }[] = [];
    const accepted: string[] = [];
    let problems = 0;
    for (const file of files) {
      // Name only the files that hold a named section, so "unknown section" speaks of the right one.
      if (ids !== 'all' && !file.merge.sections.some((section) => ids.has(section.id))) continue;
      const result = await acceptSections({
        path: file.shownAs,
        existing: file.existing ?? '',
        ids,
        fresh: file.fresh,
      });
      printDiagnostics(context.stderr, result.diagnostics);
      problems += result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
      if (result.content !== null && result.changed)
        writes.push({ path: file.path, content: result.content });
      for (const id of result.accepted) accepted.push(`${file.shownAs}: ${id}`);
    }
    if (ids !== 'all') {
      const found = new Set(
        plan.files.flatMap((file) => file.merge.sections.map((section) => section.id)),
      );
      for (const id of ids) {
        if (!found.has(id)) {
          writeLine(
            context.stderr,
            `trackgen accept: expected a section id of a generated document, found "${id}" (ids are in the <!-- trackgen:begin ID --> markers)`,
          );
          problems++;
        }
      }
    }
    if (problems > 0) {
      writeLine(context.stderr, 'nothing written: fix the problems above first');
      return EXIT_PROBLEMS;
    }
    await writeFilesAtomically(writes);
    for (const line of accepted) writeLine(context.stdout, `accepted  ${line}`);
    writeLine(
      context.stdout,
      accepted.length === 0
        ? 'nothing to accept: no hand-edited sections'
        : `${plural(accepted.length, 'section')} accepted`,
    );
    return EXIT_OK;
  },
};
