import type { ParsedArgs } from './command.js';

/** The flags that choose inputs and outputs, shared by generate, check and accept. */
export const generateOptions = {
  data: { type: 'string' },
  out: { type: 'string' },
  templates: { type: 'string' },
  report: { type: 'string', multiple: true },
} as const;

export function settingsFlags(args: ParsedArgs) {
  const text = (name: string) => (typeof args.values[name] === 'string' ? (args.values[name] as string) : undefined);
  const reports = args.values['report'];
  return { data: text('data'), out: text('out'), templates: text('templates'), report: Array.isArray(reports) ? reports.map(String) : undefined };
}
