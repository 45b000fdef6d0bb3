import { toSlashes } from '../../text/paths.js';
import type { CoverageReport, ModuleCoverage } from './report.js';
import { sumTotals } from './totals.js';

/**
 * The modules a `--module` selector names: a path, a short name, a path suffix
 * (`services/sync.py`), a directory (`app/services`), or any of these without the extension
 * (`sync`). Totals are recomputed over the
 * selection. Returns the selectors that matched nothing, for the message.
 */
export function selectModules(
  report: CoverageReport,
  selectors: readonly string[],
): { report: CoverageReport; unmatched: string[] } {
  if (selectors.length === 0) return { report, unmatched: [] };
  const unmatched: string[] = [];
  const chosen = new Set<ModuleCoverage>();
  for (const raw of selectors) {
    const selector = toSlashes(raw).replace(/^\.\//, '');
    const directory = `${selector.replace(/\/+$/, '')}/`;
    const named = (module: ModuleCoverage) =>
      module.path === selector ||
      module.name === selector ||
      module.path.endsWith(`/${selector}`) ||
      module.path.startsWith(directory);
    // Trackers name modules without their extension too ("sync" for sync.py): accept that when nothing matches as written.
    const stem = (path: string) => path.replace(/\.[^./]+$/, '');
    const exact = report.modules.filter(named);
    const matches =
      exact.length > 0
        ? exact
        : report.modules.filter(
            (module) =>
              stem(module.name) === selector ||
              stem(module.path).endsWith(`/${selector}`) ||
              stem(module.path) === selector,
          );
    if (matches.length === 0) unmatched.push(raw);
    for (const module of matches) chosen.add(module);
  }
  const modules = report.modules.filter((module) => chosen.has(module));
  return {
    report: { ...report, modules, totals: sumTotals(modules, report.totals.hasBranchData) },
    unmatched,
  };
}
