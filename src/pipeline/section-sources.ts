/**
 * What a generated section is made of, so a stale hunk or a conflict can say which record or
 * which report to look at: "phase 4, from data/sessions/054.json".
 */
import type { Plan } from './plan.js';

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
