import { sumTotals } from './figures.js';
import type { CoverageReport, ModuleCoverage } from './types.js';

/**
 * The modules a `--module` selector names: a path, a short name, a path suffix
 * (`services/sync.py`) or a directory (`app/services`). Totals are recomputed over the
 * selection. Returns the selectors that matched nothing, for the message.
 */
export function selectModules(report: CoverageReport, selectors: readonly string[]): { report: CoverageReport; unmatched: string[] } {
  if (selectors.length === 0) return { report, unmatched: [] };
  const unmatched: string[] = [];
  const chosen = new Set<ModuleCoverage>();
  for (const raw of selectors) {
    const selector = raw.replace(/\\/g, '/').replace(/^\.\//, '');
    const directory = `${selector.replace(/\/+$/, '')}/`;
    const matches = report.modules.filter(
      (module) => module.path === selector || module.name === selector || module.path.endsWith(`/${selector}`) || module.path.startsWith(directory),
    );
    if (matches.length === 0) unmatched.push(raw);
    for (const module of matches) chosen.add(module);
  }
  const modules = report.modules.filter((module) => chosen.has(module));
  return { report: { ...report, modules, totals: sumTotals(modules, report.totals.hasBranchData) }, unmatched };
}
