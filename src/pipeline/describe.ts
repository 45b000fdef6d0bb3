/**
 * A plan in words, for every front end (the commands, the watch, the pre-commit hook): what is
 * stale, what conflicts, what was written. Lines without their newline; the caller prints them.
 */
import { diagnosticLines } from '../diagnostic-lines.js';
import { plural } from '../text/plural.js';
import { unifiedDiff } from '../write/index.js';
import { isSkipped, type Plan, type PlannedFile } from './planned-file.js';

/**
 * What a generated section is made of, so a stale hunk or a conflict can say which record or
 * which report to look at: "phase 4, from data/sessions/054.json".
 */
export function describeSection(plan: Plan, about: string, sectionId: string): string {
  const sources = plan.sources.get(about);
  const inputs =
    sources === undefined
      ? []
      : sectionFromReport.has(sectionId)
        ? [...sources.records, ...sources.report]
        : sources.records;
  return inputs.length === 0 ? about : `${about}, from ${inputs.join(', ')}`;
}

/** Sections whose figures come (also) from the coverage report. */
const sectionFromReport = new Set([
  'header',
  'module-progress',
  'cumulative-statistics',
  'footer',
  'overview',
  'coverage-achievements',
  'daily-prompt',
  'risks',
  'success-metrics',
]);

/** A unified diff per document that would change, each hunk naming its section and inputs. */
export async function staleDiffs(plan: Plan, files: readonly PlannedFile[]): Promise<string[]> {
  const diffs: string[] = [];
  for (const file of files) {
    if (file.kind !== 'merged' || !file.merge.changed || file.merge.content === null) continue;
    const diff = await unifiedDiff(file.shownAs, file.existing, file.merge.content, {
      describeSection: (id) => describeSection(plan, file.about, id),
    });
    if (diff !== '') diffs.push(diff.replace(/\n$/, ''));
  }
  return diffs;
}

/** Each conflict: where, what the new rendering would change, and the two ways out. */
export function conflictLines(plan: Plan): string[] {
  return plan.files.flatMap((file) =>
    file.merge.conflicts.flatMap((conflict) => [
      `conflict in ${file.shownAs}:${conflict.line} (section ${conflict.sectionId}: ${describeSection(plan, file.about, conflict.sectionId)}): your edit is kept; the new rendering differs:`,
      conflict.diff.replace(/\n$/, ''),
      `  keep yours: trackgen accept ${file.shownAs}:${conflict.sectionId}    take the new one: trackgen generate --force ${file.shownAs}:${conflict.sectionId}`,
    ]),
  );
}

export function conflictCount(plan: Plan): number {
  return plan.files.reduce((sum, file) => sum + file.merge.conflicts.length, 0);
}

export interface Report {
  readonly stdout: readonly string[];
  readonly stderr: readonly string[];
}

/**
 * What generate says after writing: the problems and conflicts, then a line a document unless
 * `quiet`, then the summary; `prefix` starts the summary line (the watch puts the time there).
 */
export function writeReport(
  plan: Plan,
  written: ReadonlySet<string>,
  options: { readonly quiet: boolean; readonly prefix: string },
): Report {
  const stderr = [...diagnosticLines(plan.diagnostics), ...conflictLines(plan)];
  if (!plan.valid)
    return {
      stdout: [],
      stderr: [...stderr, `${options.prefix}nothing written: fix the problems above first`],
    };
  const stdout: string[] = [];
  if (!options.quiet)
    for (const file of plan.files) {
      if (isSkipped(file)) continue;
      const kept =
        file.merge.handEdited.length === 0
          ? ''
          : ` (kept hand edits in ${file.merge.handEdited.join(', ')})`;
      stdout.push(
        `${(written.has(file.path) ? 'written' : 'unchanged').padEnd(9)} ${file.shownAs}${kept}`,
      );
    }
  const skipped = plan.files.filter(isSkipped);
  for (const file of skipped)
    stdout.push(`${'skipped'.padEnd(9)} ${file.shownAs} (see the problems above)`);
  const problems = plan.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const unchanged = plan.files.length - written.size - skipped.length;
  stdout.push(
    `${options.prefix}${plural(plan.files.length, 'document')}: ${written.size} written, ${unchanged} unchanged${skipped.length > 0 ? `, ${skipped.length} skipped` : ''}${problems > 0 ? `; ${plural(problems, 'problem')}` : ''}`,
  );
  return { stdout, stderr };
}
