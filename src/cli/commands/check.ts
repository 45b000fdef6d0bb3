import { checkDocuments } from '../check-documents.js';
import type { Command } from '../command.js';
import { settingsOptions } from '../shared-flags.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'write nothing; exit 1 when a document is out of date or has a conflict',
  help: `Usage: trackgen check [options]

Renders every document as trackgen generate would and compares it with the file
on disk, writing nothing. Prints a unified diff per stale file (each hunk names
the section and what it is made from) and every conflict between a hand edit
and new data.

Options:
  --data DIR       data directory (default: data)
  --out DIR        output directory (default: docs)
  --templates DIR  your templates directory
  --report FILE    coverage report to use instead of project.json's (repeatable)
  --staged         judge the index (what the next commit would hold), not the
                   working tree: for CI and before a commit made with --no-verify
  -q, --quiet      print only the names of stale files
  -h, --help       show this help

The config, trackgen.config.json (or "trackgen" in package.json), is found in this
folder or the nearest parent that has one, up to the repository's top (the folder
with .git); its paths are relative to its folder, flags to this one.

Exit codes: 0 every document is current, 1 problems found (a document would change
or has a conflict; invalid data or config; a missing or unreadable report),
2 usage or tool error.`,
  options: {
    ...settingsOptions,
    quiet: { type: 'boolean', short: 'q' },
    staged: { type: 'boolean' },
  },
  allowPositionals: false,
  run: checkDocuments,
};
