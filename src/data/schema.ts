/**
 * The one schema behind the data files: the TypeScript types (z.infer), the validation
 * (`trackgen validate`) and the published JSON Schema (`schemas/*.schema.json`) all come from
 * here. Every `error` string is the *expected* half of a message ("expected a whole number");
 * the validator adds the path and what was found.
 *
 * Figures a coverage report or git can supply (current statements, branches, percent, missing
 * ranges, commit hashes) have no field here: they are derived, never typed by hand. What a report
 * cannot give — the history of earlier sessions, a hand-kept estimate, prose — lives here.
 */
import * as z from 'zod';
// Before any schema is built.
import './zod-settings.js';
import { documentationStatuses, moduleOutcomes, riskLevels, sessionStatuses } from './enums.js';
import { SPLIT_SESSION_ID_PATTERN } from './session-id.js';

const text = (description: string) =>
  z.string({ error: 'a string' }).min(1, { error: 'a non-empty string' }).meta({ description });
const textList = (description: string) =>
  z.array(z.string({ error: 'a string' }), { error: 'an array of strings' }).meta({ description });
const count = (description: string) =>
  z
    .int({ error: 'a whole number' })
    .min(0, { error: 'a whole number of at least 0' })
    .meta({ description });
const percent = (description: string) =>
  z
    .number({ error: 'a number (percent)' })
    .min(0, { error: 'a percent from 0 to 100' })
    .max(100, { error: 'a percent from 0 to 100' })
    .meta({ description });

// --- Estimated figures (issue 12) -------------------------------------------------------------
/**
 * A figure as typed: the number itself, or `{ "value": 73, "estimated": true }` for a figure a
 * person estimated rather than measured. Read it with `readFigure` (src/data/figures.ts), never
 * by hand, so consumers need not care which form a record used.
 */
export const estimable = <T extends z.ZodType<number>>(inner: T, description: string) =>
  z
    .union(
      [
        inner,
        z.strictObject(
          {
            value: inner,
            estimated: z
              .boolean({ error: 'true or false' })
              .meta({ description: 'true when the figure was estimated, not measured.' }),
          },
          { error: 'an object with "value" and "estimated"' },
        ),
      ],
      { error: 'a number, or an object like { "value": 73, "estimated": true }' },
    )
    .meta({ description });
// --- end of estimated figures ---------------------------------------------------------------------

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = (description: string) =>
  z
    .string({ error: 'a date as "YYYY-MM-DD"' })
    .regex(DATE_PATTERN, { error: 'a date as "YYYY-MM-DD"' })
    .meta({ description });

/** The expected half of an enum's message, from the allowed values: 'one of "done", "pending"'. */
const oneOf = (values: readonly string[]) =>
  `one of ${values.map((value) => `"${value}"`).join(', ')}`;

export const MODULE_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const moduleId = (description: string) =>
  z
    .string({ error: 'a module id (string)' })
    .regex(MODULE_ID_PATTERN, { error: 'a module id like "budget_manager"' })
    .meta({ description });

const schemaKey = z
  .string({ error: 'a string (path to the JSON Schema)' })
  .meta({ description: 'Path to the JSON Schema, for editor completion.' })
  .optional();

const titledList = z
  .strictObject(
    {
      title: text('Heading of the list, e.g. "Security Focus".'),
      items: textList('One line per item.'),
    },
    { error: 'an object with "title" and "items"' },
  )
  .meta({ description: 'An extra titled list shown on a module card.' });

const namedEntry = z.strictObject(
  { name: text('Short name, shown in bold.'), description: text('One line explaining it.') },
  { error: 'an object with "name" and "description"' },
);

/** A block of missed lines that a person has labelled; the report decides which ranges fall inside. */
const coverageArea = z
  .strictObject(
    {
      from: z
        .int({ error: 'a line number' })
        .min(1, { error: 'a line number of at least 1' })
        .meta({ description: 'First line of the area.' }),
      to: z
        .int({ error: 'a line number' })
        .min(1, { error: 'a line number of at least 1' })
        .meta({ description: 'Last line of the area (inclusive).' }),
      label: text('What the code in these lines does.'),
    },
    { error: 'an object with "from", "to" and "label"' },
  )
  .meta({
    description: 'Labels the missing ranges between two lines, e.g. "Budget initialization".',
  });

export const moduleSchema = z
  .strictObject(
    {
      id: moduleId('How sessions refer to the module, e.g. "budget_manager".'),
      path: text(
        'Source path as the coverage report names it, e.g. "app/services/budget_manager.py".',
      ),
      risk: z
        .enum(riskLevels, { error: oneOf(riskLevels) })
        .meta({ description: 'Risk level for the Risk Assessment.' })
        .optional(),
      riskNote: text(
        'Why it carries that risk, e.g. "financial calculations need precision".',
      ).optional(),
      estimatedEffort: text('e.g. "2-3 sessions".').optional(),
      estimatedTests: text('e.g. "~80-100 tests".').optional(),
      lines: count('Length of the source file in lines, where it is known.').optional(),
      focus: text(
        'One line on what the module is about, e.g. "Authentication and authorization".',
      ).optional(),
      features: textList('Key features to test.').optional(),
      areas: z
        .array(coverageArea, { error: 'an array of areas' })
        .meta({ description: 'Labels for missing-coverage areas.' })
        .optional(),
      lists: z
        .array(titledList, { error: 'an array of titled lists' })
        .meta({ description: 'Further titled lists for the module card.' })
        .optional(),
    },
    { error: 'a module object' },
  )
  .meta({ description: 'A target module of a phase.' });

/** Figures of a phase that ran before trackgen was adopted: there are no session records for it. */
const phaseHistory = z
  .strictObject(
    {
      modules: count('How many modules the phase targeted.'),
      modulesComplete: count('How many of them reached TRUE 100%.'),
      endCoverage: percent('Overall project coverage when the phase ended.').optional(),
    },
    { error: 'an object with "modules" and "modulesComplete"' },
  )
  .meta({ description: 'Figures of an earlier phase that predates trackgen.' });

export const phaseSchema = z
  .strictObject(
    {
      number: z
        .int({ error: 'a whole number' })
        .min(1, { error: 'a phase number of at least 1' })
        .meta({ description: 'Phase number, e.g. 4.' }),
      name: text('e.g. "Extended Services".'),
      objective: text('One sentence.').optional(),
      modules: z
        .array(moduleSchema, { error: 'an array of modules' })
        .meta({ description: 'Target modules, in order of work.' })
        .optional(),
      history: phaseHistory.optional(),
      successCriteria: textList('Success criteria for the phase.').optional(),
      goals: textList(
        'Phase goals besides TRUE 100% per module; checked when the phase is complete.',
      ).optional(),
      qualityStandards: z
        .array(namedEntry, { error: 'an array of {name, description}' })
        .meta({ description: 'Quality standards.' })
        .optional(),
      qualityMetrics: textList(
        'Quality claims shown after the figures-based ones (zero warnings, all passing, no skips).',
      ).optional(),
      coverageTarget: text('Expected overall coverage after the phase, e.g. "~73-75%".').optional(),
      statusNote: text('Closing status line of the tracker, e.g. "EXCELLENT PROGRESS".').optional(),
    },
    { error: 'a phase object' },
  )
  .meta({ description: 'A phase of the campaign.' });

export const projectSchema = z
  .strictObject(
    {
      $schema: schemaKey,
      name: text('Project name.'),
      coverageGoal: percent('Ultimate overall coverage goal in percent, e.g. 90.'),
      coverageReport: z
        .union(
          [
            text('Path'),
            z
              .array(z.string({ error: 'a string' }), { error: 'an array of paths' })
              .min(1, { error: 'at least one path' }),
          ],
          {
            error: 'a path or an array of paths',
          },
        )
        .meta({
          description:
            'Coverage report(s) (Cobertura XML or coverage.py JSON), relative to this file.',
        })
        .optional(),
      phases: z
        .array(phaseSchema, { error: 'an array of phases' })
        .min(1, { error: 'at least one phase' })
        .meta({ description: 'Every phase, earlier ones included.' }),
      commands: z
        .array(namedEntry, { error: 'an array of {name, description}' })
        .meta({ description: 'Coverage commands for the lessons file; name = the command.' })
        .optional(),
    },
    { error: 'a JSON object' },
  )
  .meta({
    title: 'trackgen project',
    description: 'data/project.json: the project, its phases and their modules.',
  });

const coverageFigures = z
  .strictObject(
    {
      percent: estimable(
        percent('Coverage percent.'),
        'Coverage percent as coverage.py reports it; { "value", "estimated": true } for an estimate.',
      ),
      statements: count('Statements.').optional(),
      missed: count('Missed statements.').optional(),
      branches: count('Branches.').optional(),
      coveredBranches: count('Covered branches.').optional(),
      partialBranches: count('Partial branches.').optional(),
    },
    { error: 'an object with at least "percent"' },
  )
  .meta({
    description: 'Coverage figures recorded at one moment (trackgen record-coverage writes these).',
  });

const sessionModule = z
  .strictObject(
    {
      module: moduleId('Id of a module in data/project.json.'),
      outcome: z
        .enum(moduleOutcomes, { error: oneOf(moduleOutcomes) })
        .meta({ description: 'Where the module stood at the end of the session.' }),
      start: coverageFigures.optional(),
      final: coverageFigures.optional(),
      documentation: textList('Documentation done for this module, shown on its card.').optional(),
      // --- Outcomes and modules across sessions (issue 12) ---
      reason: text(
        'Why the outcome is what it is; required for "accepted" (e.g. "98.34% of reachable code").',
      ).optional(),
      testsCreated: count('Tests written for this module in this session.').optional(),
      // --- end ---
    },
    { error: 'an object with "module" and "outcome"' },
  )
  .meta({ description: 'A module worked on in the session.' });

/**
 * Test counts, each recorded alone or with the others: a session that knew only how many tests it
 * wrote, or only pytest's summary line, records just that. `trackgen record-tests` writes them from
 * pytest's JUnit XML and summary line; a figure nobody recorded shows as "not recorded".
 */
const tests = z
  .strictObject(
    {
      created: count('Tests written in this session.').optional(),
      total: count('Tests in the whole suite at the end.').optional(),
      passing: count('Of those, passing (pytest\'s "passed").').optional(),
      failed: count('Of those, failing (pytest\'s "failed").').optional(),
      errors: count(
        'Errors in setup, teardown or collection (pytest\'s "errors"); a test may fail and error.',
      ).optional(),
      skipped: count('Of those, skipped (pytest\'s "skipped").').optional(),
      xfailed: count('Expected failures (pytest\'s "xfailed").').optional(),
      xpassed: count('Unexpected passes (pytest\'s "xpassed").').optional(),
      warnings: count('Warnings in the test run (pytest\'s "warnings").').optional(),
    },
    { error: 'an object of test counts such as "total" and "passing"' },
  )
  .meta({ description: 'Test counts at the end of the session; each may be recorded alone.' });

const challenge = z
  .strictObject(
    {
      title: text('Short title.'),
      problem: text('What went wrong.').optional(),
      solution: text('What fixed it.'),
      // Issue 12: a session on two modules shows each challenge on its own module's card only.
      module: moduleId(
        'Id of the module the challenge belongs to, when the session has several.',
      ).optional(),
    },
    { error: 'an object with "title" and "solution"' },
  )
  .meta({ description: 'A technical challenge solved.' });

const lesson = z
  .strictObject(
    {
      title: text('Short title of the lesson.'),
      problem: text('The problem.').optional(),
      failedApproach: text('What did not work.').optional(),
      solution: text('What worked (Markdown allowed).').optional(),
      insight: textList('Key insights.').optional(),
      whenToUse: textList('When to use this pattern.').optional(),
    },
    { error: 'an object with at least "title"' },
  )
  .meta({ description: 'A lesson for LESSONS_LEARNED.md.' });

const antiPattern = z.strictObject(
  {
    title: text('What not to do.'),
    bad: text('The bad example (code).').optional(),
    good: text('The good example (code).').optional(),
  },
  { error: 'an object with "title"' },
);

const commit = z
  .strictObject(
    {
      message: text('The commit message (first line).'),
      hash: z
        .string({ error: 'a commit hash (string)' })
        .regex(/^[0-9a-f]{7,40}$/, { error: 'a commit hash of 7-40 hex digits' })
        .meta({ description: 'Leave out to let trackgen find it in git history.' })
        .optional(),
    },
    { error: 'an object with "message"' },
  )
  .meta({ description: 'A commit of the session.' });

const documentationItem = z.strictObject(
  {
    item: text('File or document, e.g. "SESSION_54_SUMMARY.md".'),
    status: z.enum(documentationStatuses, { error: oneOf(documentationStatuses) }),
    note: text('e.g. "update for Session 55".').optional(),
  },
  { error: 'an object with "item" and "status"' },
);

const plan = z
  .strictObject(
    {
      preparation: textList('Preparation steps.').optional(),
      tasks: textList('Estimated tasks.').optional(),
      successCriteria: textList('Success criteria for the session.').optional(),
    },
    { error: 'an object with "preparation", "tasks", "successCriteria"' },
  )
  .meta({ description: 'The plan, for a planned session.' });

// ── Coverage captured per session, and the project as it stood (issue 11) ──────────────────
// Written by `trackgen new-session`, `end-session`, `record-coverage` and `migrate`; every field
// is optional, so records typed by hand stay valid.

const capture = z
  .strictObject(
    {
      reportTime: z
        .string({ error: 'a date-time (string)' })
        .min(1, { error: 'a non-empty date-time' })
        .meta({
          description:
            "When the report was taken, ISO 8601 (the report's own timestamp); absent when it did not say.",
        })
        .optional(),
      project: coverageFigures.optional(),
      true100: count(
        'Modules at TRUE 100% by the campaign count (earlier phases plus complete records).',
      ).optional(),
      true100InReport: count(
        'Files at TRUE 100% in the report, files without statements excluded.',
      ).optional(),
    },
    { error: 'an object with "reportTime", "project", "true100", "true100InReport"' },
  )
  .meta({ description: 'Coverage captured from a report at one moment of the session.' });

const captured = z
  .strictObject(
    { start: capture.optional(), final: capture.optional() },
    { error: 'an object with "start" and "final"' },
  )
  .meta({
    description:
      'Coverage captured when the session started and ended (the modules\' own figures are in "modules").',
  });

const standing = z
  .strictObject(
    {
      phaseModules: count('Modules the phase targeted when the session ended.'),
      phaseModulesComplete: count('Of those, complete once the session ended.'),
      true100: count(
        'Modules at TRUE 100% across all phases once the session ended (campaign count).',
      ),
    },
    { error: 'an object with "phaseModules", "phaseModulesComplete" and "true100"' },
  )
  .meta({
    description:
      'The project as it stood when the session ended; its summary shows these, so later changes to project.json never rewrite it.',
  });

export const sessionSchema = z
  .strictObject(
    {
      $schema: schemaKey,
      // --- Split sessions (issue 12): 54, or "61a" for a split session ---
      number: z
        .union(
          [
            z.int({ error: 'a whole number' }).min(1, { error: 'a session number of at least 1' }),
            z
              .string({ error: 'a session number' })
              .regex(SPLIT_SESSION_ID_PATTERN, { error: 'a session number like 61 or "61a"' }),
          ],
          { error: 'a session number like 61 or "61a"' },
        )
        .meta({
          description:
            'Session number; must match the file name (054.json). A split session is a string with one letter, "61a" (file 061a.json).',
        }),
      // --- end of split sessions ---
      date: isoDate('Date of the session, "YYYY-MM-DD"; required once complete.').optional(),
      phase: z
        .int({ error: 'a whole number' })
        .min(1, { error: 'a phase number of at least 1' })
        .meta({ description: 'Number of a phase in data/project.json.' }),
      status: z.enum(sessionStatuses, { error: oneOf(sessionStatuses) }),
      title: text('Headline, e.g. "ai_model_manager.py TRUE 100%!".').optional(),
      duration: text('e.g. "Continued from previous session".').optional(),
      timeInvested: text('e.g. "~8-10 hours".').optional(),
      modules: z
        .array(sessionModule, { error: 'an array of modules' })
        .meta({ description: 'Focus modules and their outcome.' })
        .optional(),
      projectCoverage: z
        .strictObject(
          {
            start: estimable(percent('Percent.'), 'Overall coverage before.').optional(),
            final: estimable(percent('Percent.'), 'Overall coverage after.').optional(),
          },
          { error: 'an object with "start" and "final"' },
        )
        .meta({ description: 'Overall project coverage before and after the session.' })
        .optional(),
      tests: tests.optional(),
      // Issue 12 (continuity rules): why the suite total fell, so validate does not warn.
      testsNote: text(
        'Why the suite total changed, e.g. "removed 239 duplicated parametrised tests".',
      ).optional(),
      testClasses: count('Test classes created.').optional(),
      testFile: text('Test file written, e.g. "tests/test_ai_model_manager.py".').optional(),
      testFileSize: text('e.g. "1,900+ lines".').optional(),
      overview: text('Markdown describing what the module does (session summary).').optional(),
      achievements: textList('Key technical achievements.').optional(),
      completed: textList('Further items for the session log\'s "Completed" list.').optional(),
      technicalWin: text('The technical win of the session, one line.').optional(),
      challenges: z.array(challenge, { error: 'an array of challenges' }).optional(),
      lessons: z.array(lesson, { error: 'an array of lessons' }).optional(),
      patterns: z
        .array(namedEntry, { error: 'an array of {name, description}' })
        .meta({ description: 'Testing patterns established.' })
        .optional(),
      techniques: z
        .array(namedEntry, { error: 'an array of {name, description}' })
        .meta({ description: 'Coverage techniques used.' })
        .optional(),
      antiPatterns: z.array(antiPattern, { error: 'an array of anti-patterns' }).optional(),
      commits: z.array(commit, { error: 'an array of commits' }).optional(),
      documentation: z
        .array(documentationItem, { error: 'an array of documentation items' })
        .optional(),
      celebrations: textList(
        'Celebration points (achieved once complete, upcoming while planned).',
      ).optional(),
      filesCreated: textList('Files created.').optional(),
      filesModified: textList('Files modified.').optional(),
      plan: plan.optional(),
      // Issue 12: a planned session that has not settled on its module yet.
      candidates: z
        .array(moduleId('Id of a module in data/project.json.'), {
          error: 'an array of module ids',
        })
        .meta({ description: 'Modules a planned session may take up, e.g. ["budget_manager"].' })
        .optional(),
      nextSteps: textList('Next steps, for the session summary.').optional(),
      notes: text('Free-form Markdown notes.').optional(),
      // Issue 11 (see the block above sessionSchema).
      captured: captured.optional(),
      standing: standing.optional(),
    },
    { error: 'a JSON object' },
  )
  .meta({ title: 'trackgen session', description: 'data/sessions/NNN.json: one work session.' });

export type Project = z.infer<typeof projectSchema>;
export type Phase = z.infer<typeof phaseSchema>;
export type Module = z.infer<typeof moduleSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type SessionModule = z.infer<typeof sessionModule>;
export type CoverageFigures = z.infer<typeof coverageFigures>;
export type Capture = z.infer<typeof capture>;
export type Standing = z.infer<typeof standing>;
export type TestCounts = z.infer<typeof tests>;
export type DocumentationItem = z.infer<typeof documentationItem>;
export type SessionStatus = Session['status'];
export type ModuleOutcome = SessionModule['outcome'];
export type RiskLevel = NonNullable<Module['risk']>;
export type DocumentationStatus = DocumentationItem['status'];
export type SessionNumber = Session['number'];
export type RecordedPercent = CoverageFigures['percent'];
