/**
 * Every rule id a diagnostic can carry, declared once. `Diagnostic.rule` is typed as a key of
 * this table, so the compiler rejects an id that is not here; tests/rules.test.ts checks that the
 * doc named for each rule has it in a "Rule" table, and that no such table names an id missing
 * here. Ids are stable: scripts match on them.
 *
 * The severity is the one the rule is reported with; where a command reports it otherwise, the
 * description says so. Nothing reads this table at run time (emitting sites write their id as a
 * literal), so the light paths never load it.
 */
/** An error stops the run from writing; a warning is reported and the run goes on. */
export type Severity = 'error' | 'warning';

export interface RuleInfo {
  readonly severity: Severity;
  /** The file in docs/ whose "Rule" table documents the rule. */
  readonly doc: 'data-model.md' | 'templates.md' | 'merge.md' | 'coverage.md' | 'import.md';
  readonly description: string;
}

export const RULES = {
  // Reading a data file (also trackgen.config.json).
  syntax: {
    severity: 'error',
    doc: 'data-model.md',
    description: 'Not strict JSON: an empty file, a comment, a trailing comma, a missing bracket.',
  },
  'duplicate-key': {
    severity: 'error',
    doc: 'data-model.md',
    description: 'The same key twice in one object; JSON readers keep only one.',
  },
  bom: {
    severity: 'warning',
    doc: 'data-model.md',
    description: 'The file starts with a UTF-8 byte-order mark.',
  },
  encoding: {
    severity: 'error',
    doc: 'data-model.md',
    description: 'Bytes that are not valid UTF-8.',
  },
  mojibake: {
    severity: 'warning',
    doc: 'import.md',
    description:
      'Text that was once decoded as Windows-1252 and saved as UTF-8 ("ðŸš€" for "🚀"): in a data file (validate), a document being adopted (generate --adopt) or a file read by import.',
  },
  'too-large': {
    severity: 'error',
    doc: 'data-model.md',
    description: 'A data file over 4 MB, or one nested more than 64 levels deep.',
  },
  unreadable: {
    severity: 'error',
    doc: 'data-model.md',
    description:
      'A path that cannot be read as the file or folder expected there (a data file, sessions/, a document in outDir).',
  },
  'file-name': {
    severity: 'error',
    doc: 'data-model.md',
    description: 'A session file not named NNN.json, or whose "number" differs from its name.',
  },

  // The schema (data files and trackgen.config.json).
  'unknown-key': {
    severity: 'error',
    doc: 'data-model.md',
    description: 'A key the schema does not have, with a "did you mean" hint.',
  },
  required: {
    severity: 'error',
    doc: 'data-model.md',
    description: 'A required key is missing.',
  },
  type: {
    severity: 'error',
    doc: 'data-model.md',
    description: 'A value of the wrong JSON type, or of none of the forms allowed.',
  },
  enum: {
    severity: 'error',
    doc: 'data-model.md',
    description: 'A value that is not one of those allowed (status, outcome, risk).',
  },
  format: {
    severity: 'error',
    doc: 'data-model.md',
    description: 'A string of the wrong form: a date, a module id, a commit hash.',
  },
  range: {
    severity: 'error',
    doc: 'data-model.md',
    description:
      'A value out of bounds: a negative count, a percent over 100, an empty string or list.',
  },
  schema: {
    severity: 'error',
    doc: 'data-model.md',
    description: 'Any other mismatch with the schema.',
  },

  // Rules across fields and files (src/data/rules.ts).
  'duplicate-session': {
    severity: 'error',
    doc: 'data-model.md',
    description: 'Two session files with the same "number".',
  },
  'duplicate-phase': {
    severity: 'error',
    doc: 'data-model.md',
    description: 'Two phases with the same "number".',
  },
  'duplicate-module': {
    severity: 'error',
    doc: 'data-model.md',
    description: 'Two modules with the same "id", in one phase or across phases.',
  },
  'unknown-phase': {
    severity: 'error',
    doc: 'data-model.md',
    description: 'A session whose "phase" is not a phase of project.json.',
  },
  'unknown-module': {
    severity: 'error',
    doc: 'data-model.md',
    description: 'A session module whose id is not a module of project.json.',
  },
  date: {
    severity: 'error',
    doc: 'data-model.md',
    description: 'A "date" that is not a real calendar date (2025-02-30).',
  },
  'date-required': {
    severity: 'error',
    doc: 'data-model.md',
    description: 'A complete session without a "date".',
  },
  contradiction: {
    severity: 'error',
    doc: 'data-model.md',
    description:
      'Figures that cannot all be true: passing > total, missed > statements, to < from.',
  },
  'phase-content': {
    severity: 'error',
    doc: 'data-model.md',
    description: 'A phase with neither "modules" nor "history".',
  },
  'incomplete-figures': {
    severity: 'warning',
    doc: 'data-model.md',
    description: 'A complete session whose projectCoverage has "final" but no "start".',
  },

  // Continuity rules (issue 12, src/data/continuity.ts): a record against itself and the records
  // before it. Errors only for states no true record can be in.
  'false-100': {
    severity: 'error',
    doc: 'data-model.md',
    description: 'A recorded percent of 100 with statements missed or branches not covered.',
  },
  'complete-below-100': {
    severity: 'error',
    doc: 'data-model.md',
    description:
      'A module "complete" whose final percent is below 100; "accepted" with a "reason" records that honestly.',
  },
  'reason-required': {
    severity: 'error',
    doc: 'data-model.md',
    description: 'A module "accepted" below 100% without a "reason".',
  },
  'percent-mismatch': {
    severity: 'warning',
    doc: 'data-model.md',
    description:
      "A percent its own counts contradict by coverage.py's formula, at the precision typed (estimates are not checked).",
  },
  'date-order': {
    severity: 'warning',
    doc: 'data-model.md',
    description: 'A session dated before a session that comes before it.',
  },
  'start-mismatch': {
    severity: 'warning',
    doc: 'data-model.md',
    description: "A module's start percent differs from its final in the last session before.",
  },
  'suite-shrank': {
    severity: 'warning',
    doc: 'data-model.md',
    description: 'tests.total below the previous session\'s, without a "testsNote".',
  },
  'completed-twice': {
    severity: 'warning',
    doc: 'data-model.md',
    description:
      'A module "complete" again after an earlier session completed it; "maintained" is meant.',
  },
  'commit-claimed-twice': {
    severity: 'warning',
    doc: 'data-model.md',
    description: 'One commit hash in the records of two sessions.',
  },

  // The data against the coverage report and git (generate, check, record-coverage, new-session).
  'no-report': {
    severity: 'warning',
    doc: 'data-model.md',
    description: 'No coverage report is named; figures a report gives show as n/a.',
  },
  'coverage-report': {
    severity: 'error',
    doc: 'data-model.md',
    description: 'The coverage report named cannot be found or read.',
  },
  'report-mismatch': {
    severity: 'warning',
    doc: 'coverage.md',
    description:
      "A coverage.py JSON report's lists disagree with its own summary, or merged reports count a file differently; the figures say which they follow.",
  },
  regressed: {
    severity: 'warning',
    doc: 'data-model.md',
    description:
      'A module a session marked complete is below TRUE 100% in a report taken after that session, or a later record shows it below (outcome "regressed", or a final under 100).',
  },
  // Reports placed in time (issue 11).
  'report-time': {
    severity: 'warning',
    doc: 'coverage.md',
    description:
      "A report's timestamp that cannot be read or lies in the future; the report is treated as current.",
  },
  'untimed-report': {
    severity: 'warning',
    doc: 'coverage.md',
    description:
      'A report without a timestamp, while sessions have dates: it is treated as current.',
  },
  'stale-report': {
    severity: 'warning',
    doc: 'coverage.md',
    description:
      'A report older than sessions that came after it: later sessions show their recorded figures.',
  },
  'unrecorded-complete': {
    severity: 'warning',
    doc: 'data-model.md',
    description:
      'A module no session marked complete is at TRUE 100% in the report: its card keeps the recorded figures.',
  },
  'complete-session': {
    severity: 'error',
    doc: 'data-model.md',
    description:
      "record-coverage would replace a complete session's figures with a later report (--force to insist), or end-session on a session not in progress.",
  },
  'empty-run': {
    severity: 'warning',
    doc: 'coverage.md',
    description:
      'A report from a failed or empty run: nothing executed, or modules the previous capture had are missing.',
  },
  'needs-migrate': {
    severity: 'warning',
    doc: 'data-model.md',
    description:
      'A complete session without "standing": its summary counts no phase size until trackgen migrate records it.',
  },
  'no-branch-data': {
    severity: 'warning',
    doc: 'data-model.md',
    description:
      'The coverage report has no branch data, so modules marked complete cannot be checked for TRUE 100%.',
  },
  'stale-figure': {
    severity: 'warning',
    doc: 'data-model.md',
    description: 'A module\'s "lines" is below the last statement line in the report.',
  },
  'test-file-figure': {
    severity: 'warning',
    doc: 'data-model.md',
    description:
      'A typed "testClasses" or "testFileSize" that the session\'s test file, counted, contradicts.',
  },
  'not-in-report': {
    severity: 'warning',
    doc: 'data-model.md',
    description:
      'A module the coverage report does not list; an error for record-coverage, which then records nothing.',
  },
  'git-history': {
    severity: 'warning',
    doc: 'data-model.md',
    description: 'Commits without "hash" that git history cannot supply (no git, a shallow clone).',
  },
  'record-exists': {
    severity: 'error',
    doc: 'data-model.md',
    description:
      'new-session or import for a session that already has a record; nothing is written.',
  },

  // Importing session summaries (trackgen import).
  'import-missing': {
    severity: 'error',
    doc: 'import.md',
    description:
      'The document does not state something the schema requires (the session number, its phase, the date of a complete session); nothing is written.',
  },
  'import-module': {
    severity: 'warning',
    doc: 'import.md',
    description:
      'A module the document names is not a module of project.json; its figures stay in the notes.',
  },
  'import-conflict': {
    severity: 'warning',
    doc: 'import.md',
    description:
      "Two values for one field: within one document the first is imported; a summary and a tracker's Session Log entry disagree and the summary's is kept.",
  },
  'import-duplicate': {
    severity: 'error',
    doc: 'import.md',
    description:
      'Two summaries (or two Session Log entries) for one session; nothing is written. A summary and a Session Log entry of one session are merged.',
  },

  // Rendering (generate, check).
  template: {
    severity: 'error',
    doc: 'templates.md',
    description: 'A template that is missing, does not compile, or uses a field the context lacks.',
  },
  'output-path': {
    severity: 'error',
    doc: 'templates.md',
    description:
      'An outputs.* or documents[] path outside outDir, two documents at one path, an outDir inside the data folder (or, from the config, outside the project), or a document path that leads (through a symlink) outside the project or into the data folder.',
  },

  // Merging into the files on disk (src/merge).
  'broken-marker': {
    severity: 'error',
    doc: 'merge.md',
    description:
      'Section markers that do not pair up or are out of place; the file is not written.',
  },
  'duplicate-section': {
    severity: 'error',
    doc: 'merge.md',
    description: 'The same section id twice in one file; the file is not written.',
  },
  'unmarked-file': {
    severity: 'error',
    doc: 'merge.md',
    description: 'The file has no trackgen markers; it is not written (use --adopt).',
  },
  'adopt-unmatched': {
    severity: 'warning',
    doc: 'merge.md',
    description:
      "On --adopt, a heading of the file matches no generated section (it stays the person's text), or a section is left out because the file has its heading at another level.",
  },
  'duplicate-kind': {
    severity: 'error',
    doc: 'merge.md',
    description:
      'A second section of a kind trackgen generates, or a second footer; a warning when only the heading label matches. The file is still written.',
  },
  'hand-edit': {
    severity: 'warning',
    doc: 'merge.md',
    description: 'A section was edited by hand; kept.',
  },
  conflict: {
    severity: 'error',
    doc: 'merge.md',
    description: 'A section was edited (or accepted) and its data changed; kept, with a diff.',
  },
  'orphaned-section': {
    severity: 'warning',
    doc: 'merge.md',
    description:
      'A section that is no longer generated holds edited or accepted text, or was pasted from another document (its id is not in the manifest); kept.',
  },
  pinned: {
    severity: 'warning',
    doc: 'merge.md',
    description: '--force named a pinned section; left alone.',
  },
  'unknown-section': {
    severity: 'warning',
    doc: 'merge.md',
    description:
      '--force named a section id the file does not have (or whose markers were deleted); an error for accept.',
  },
  'changed-during-run': {
    severity: 'error',
    doc: 'merge.md',
    description:
      'A document changed on disk while the run worked (a save meanwhile): kept as it is; the run writes its version beside it (FILE.trackgen-new).',
  },
} as const satisfies Readonly<Record<string, RuleInfo>>;

export type RuleId = keyof typeof RULES;
