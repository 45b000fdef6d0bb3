import type { Command } from '../command.js';

/**
 * Commands load on demand: a pre-commit hook pays only for the modules its command imports
 * (the remark stack alone costs ~150 ms to import).
 */
export const commandLoaders: Readonly<Record<string, () => Promise<Command>>> = {
  validate: async () => (await import('./validate.js')).validateCommand,
  generate: async () => (await import('./generate.js')).generateCommand,
  check: async () => (await import('./check.js')).checkCommand,
  accept: async () => (await import('./accept.js')).acceptCommand,
  coverage: async () => (await import('./coverage.js')).coverageCommand,
  init: async () => (await import('./init.js')).initCommand,
  'new-session': async () => (await import('./new-session.js')).newSessionCommand,
  'record-coverage': async () => (await import('./record-coverage.js')).recordCoverageCommand,
  'end-session': async () => (await import('./end-session.js')).endSessionCommand,
  migrate: async () => (await import('./migrate.js')).migrateCommand,
  'record-tests': async () => (await import('./record-tests.js')).recordTestsCommand,
  hook: async () => (await import('./hook.js')).hookCommand,
  import: async () => (await import('./import.js')).importCommand,
};

/** Kept beside the loaders so `trackgen --help` needs no command module. */
export const commandSummaries: Readonly<Record<string, string>> = {
  validate: 'check data/project.json and data/sessions/*.json, report every problem',
  generate: 'render the trackers, session summaries and lessons file into docs/ (npm run docs)',
  check: 'write nothing; exit 1 when a document is out of date or has a conflict',
  accept: 'adopt hand edits in generated sections as the new baseline',
  coverage: "read Cobertura XML or coverage.py JSON reports and print coverage.py's figures",
  init: 'set trackgen up in a Python repository: config, data/project.json from the coverage report',
  'new-session':
    'scaffold data/sessions/NNN.json for the next session, pre-filled, and validate it',
  'record-coverage':
    "store a session's coverage figures (start or final) in its record, from a report",
  'end-session':
    'mark the session in progress complete, with its final coverage figures from the report',
  migrate: 'upgrade session records: write what newer trackgen keeps in them, formatting kept',
  'record-tests':
    "store a session's test counts in its record, from pytest's JUnit XML and summary line",
  hook: 'install or remove the git pre-commit hook that keeps the docs in step with each commit',
  import: "write session records from existing session summaries (and a tracker's Session Log)",
};
