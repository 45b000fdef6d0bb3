/**
 * The allowed values of the schema's enums. They live apart from schema.ts, with no zod import,
 * so that the view model can list them at run time (the risk groups, in order) without loading
 * zod. The schema builds its enums from these arrays; the types come from the schema (z.infer).
 */
export const riskLevels = ['low', 'medium', 'high'] as const;
export const sessionStatuses = ['planned', 'in-progress', 'complete'] as const;
export const moduleOutcomes = [
  'complete',
  'in-progress',
  'not-started',
  // Issue 12: outcomes beyond complete.
  'maintained',
  'regressed',
  'accepted',
] as const;
export const documentationStatuses = ['done', 'pending'] as const;
