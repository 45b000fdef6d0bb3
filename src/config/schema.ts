import * as z from 'zod';
// Before any schema is built.
import '../data/zod-settings.js';

const path = (description: string) =>
  z
    .string({ error: 'a path (string)' })
    .min(1, { error: 'a non-empty path' })
    .meta({ description });

const extraDocument = z
  .strictObject(
    {
      template: z
        .string({ error: 'a template name (string)' })
        .regex(/^[\w.-]+$/, {
          error:
            'a template name such as "daily-prompt.md" (the file is templates/daily-prompt.md.hbs)',
        })
        .meta({ description: 'Template name: templates/NAME.hbs.' }),
      output: path('Output file, relative to outDir.'),
    },
    { error: 'an object with "template" and "output"' },
  )
  .meta({ description: 'A document of your own, rendered with the whole view model.' });

export const configSchema = z
  .strictObject(
    {
      $schema: z.string({ error: 'a string' }).optional(),
      data: path('Data directory (project.json, sessions/).').optional(),
      outDir: path('Where generated documents go.').optional(),
      templates: path(
        'Your templates directory: same-named templates and partials override the built-in ones.',
      ).optional(),
      coverageReport: z
        .union(
          [
            path('Report'),
            z.array(z.string({ error: 'a string' })).min(1, { error: 'at least one path' }),
          ],
          { error: 'a path or an array of paths' },
        )
        .meta({
          description: 'Coverage report(s), overriding project.json; relative to this file.',
        })
        .optional(),
      testResults: z
        .union(
          [
            path('Results'),
            z.array(z.string({ error: 'a string' })).min(1, { error: 'at least one path' }),
          ],
          { error: 'a path or an array of paths' },
        )
        .meta({
          description:
            "pytest's results for trackgen record-tests: JUnit XML (--junitxml) and/or a text file holding pytest's terminal output (its summary line counts warnings); relative to this file.",
        })
        .optional(),
      outputs: z
        .strictObject(
          {
            tracker: path('Phase tracker path; {phase} is the phase number.').optional(),
            summary: path(
              'Session summary path; {session} is the session number (2 digits at least).',
            ).optional(),
            lessons: path('Lessons-learned path.').optional(),
            badge: path(
              'Coverage badge (SVG) path, made from the report: green at the coverage goal, yellow within 20 points of it, red below. Not written when absent.',
            )
              .regex(/\.svg$/i, { error: 'a path ending in .svg' })
              .optional(),
          },
          { error: 'an object with "tracker", "summary", "lessons", "badge"' },
        )
        .optional(),
      true100Count: z
        .enum(['campaign', 'report'], { error: 'one of "campaign", "report"' })
        .meta({
          description:
            'What "Modules at TRUE 100%" counts in every document: "campaign" (default: modules the campaign finished, earlier phases included) or "report" (files at TRUE 100% in the coverage report, empty files excluded).',
        })
        .optional(),
      documents: z.array(extraDocument, { error: 'an array of {template, output}' }).optional(),
    },
    { error: 'a JSON object' },
  )
  .meta({
    title: 'trackgen configuration',
    description: 'trackgen.config.json, or the "trackgen" key of package.json.',
  });

export type ConfigFile = z.infer<typeof configSchema>;
