/** Defaults without the schema, so a caller that only needs the names (the hook's no-op path) does not load zod. */
export const CONFIG_FILE = 'trackgen.config.json';

export const DEFAULTS = {
  data: 'data',
  outDir: 'docs',
  templates: 'templates',
  outputs: { tracker: 'PHASE_{phase}_PROGRESS_TRACKER.md', summary: 'sessions/SESSION_{session}_SUMMARY.md', lessons: 'LESSONS_LEARNED.md' },
} as const;
