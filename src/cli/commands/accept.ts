import { relative } from 'node:path';
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
import { documentSections, resolveSectionTargets } from '../../pipeline/section-targets.js';

export const acceptCommand: Command = {
  name: 'accept',
  summary: 'adopt hand edits in generated sections as the new baseline',
  help: `Usage: trackgen accept [SECTION...] [--file DOC] [options]

Makes your edits inside generated sections the new baseline: they stop being
reported as hand edits, and a conflict with new data is resolved in favour of
your text. When the data behind an accepted section changes later, trackgen
reports a conflict again, so you see what changed.

Without SECTION, every hand-edited or conflicting section is accepted.
SECTION is an id (\`overview\`) or FILE:ID (\`docs/LESSONS_LEARNED.md:overview\`); an
id that several documents have must be given as FILE:ID (or with --file).

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
    const plan = await planDocuments(settings, {
      cwd: context.cwd,
      ...(args.values['out'] === undefined ? {} : { outDirFromFlag: true }),
    });
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
    const everything = args.positionals.length === 0 || args.positionals.includes('all');
    const targets = everything
      ? undefined
      : resolveSectionTargets(args.positionals, documentSections(files), context.cwd, 'accept');
    const writes: { path: string; content: string; expected: string }[] = [];
    const accepted: string[] = [];
    let problems = 0;
    for (const file of files) {
      const ids = targets === undefined ? 'all' : targets.byPath.get(file.path);
      // Only the files that hold a named section, so "unknown section" speaks of the right one.
      if (ids === undefined || file.existing === undefined) continue;
      const result = await acceptSections({
        path: file.shownAs,
        existing: file.existing,
        ids,
        fresh: file.fresh,
      });
      printDiagnostics(context.stderr, result.diagnostics);
      problems += result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
      if (result.content !== null && result.changed)
        writes.push({ path: file.path, content: result.content, expected: file.existing });
      for (const id of result.accepted) accepted.push(`${file.shownAs}: ${id}`);
    }
    for (const id of targets?.unknown ?? []) {
      writeLine(
        context.stderr,
        `trackgen accept: expected a section id of a generated document, found "${id}" (ids are in the <!-- trackgen:begin ID --> markers)`,
      );
      problems++;
    }
    if (problems > 0) {
      writeLine(context.stderr, 'nothing written: fix the problems above first');
      return EXIT_PROBLEMS;
    }
    const outcomes = writeFilesAtomically(
      writes,
      plan.bounds === undefined ? {} : { bounds: plan.bounds },
    );
    for (const outcome of outcomes) {
      if (outcome.status !== 'changed-meanwhile') continue;
      writeLine(
        context.stderr,
        `${toSlashes(relative(context.cwd, outcome.path))}:1:1  error  changed-during-run  expected the file as accept read it, found it changed meanwhile: your version is kept as it is; accept's is in ${toSlashes(relative(context.cwd, outcome.beside ?? ''))}; run trackgen accept again`,
      );
      problems++;
    }
    for (const line of accepted) writeLine(context.stdout, `accepted  ${line}`);
    writeLine(
      context.stdout,
      accepted.length === 0
        ? 'nothing to accept: no hand-edited sections'
        : `${plural(accepted.length, 'section')} accepted`,
    );
    return problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
  },
};
