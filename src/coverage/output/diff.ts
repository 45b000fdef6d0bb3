import { formatPercent } from '../figures/percent.js';
import type { CoverageReport } from '../figures/report.js';
import { EPSILON, signedDelta } from './delta.js';
import { humanCompare } from './rows.js';

/**
 * Before → after per module (matched by path), new and removed modules, and the total.
 * A regression is a module present in both whose percent went down.
 */
export type ModuleChange = 'up' | 'down' | 'same' | 'new' | 'removed';

export interface ModuleDiff {
  readonly path: string;
  readonly name: string;
  readonly before: number | null;
  readonly after: number | null;
  readonly delta: number | null;
  readonly change: ModuleChange;
}

export interface CoverageDiff {
  readonly modules: readonly ModuleDiff[];
  readonly totals: { readonly before: number; readonly after: number; readonly delta: number };
  readonly regressions: readonly string[];
}

export function diffReports(before: CoverageReport, after: CoverageReport): CoverageDiff {
  const old = new Map(before.modules.map((module) => [module.path, module]));
  const current = new Map(after.modules.map((module) => [module.path, module]));
  const paths = [...new Set([...old.keys(), ...current.keys()])].sort(humanCompare);
  const modules = paths.map((path): ModuleDiff => {
    const was = old.get(path);
    const now = current.get(path);
    if (was === undefined)
      return {
        path,
        name: now?.name ?? path,
        before: null,
        after: now?.percent ?? null,
        delta: null,
        change: 'new',
      };
    if (now === undefined)
      return {
        path,
        name: was.name,
        before: was.percent,
        after: null,
        delta: null,
        change: 'removed',
      };
    const delta = now.percent - was.percent;
    const change = delta < -EPSILON ? 'down' : delta > EPSILON ? 'up' : 'same';
    return { path, name: now.name, before: was.percent, after: now.percent, delta, change };
  });
  return {
    modules,
    totals: {
      before: before.totals.percent,
      after: after.totals.percent,
      delta: after.totals.percent - before.totals.percent,
    },
    regressions: modules.filter((module) => module.change === 'down').map((module) => module.path),
  };
}

/** Text table of a diff; percents shown with coverage.py's display rule. */
export function formatDiff(diff: CoverageDiff, precision: number): string {
  const show = (value: number | null) =>
    value === null ? '-' : `${formatPercent(value, precision)}%`;
  const signed = (value: number) => signedDelta(value, precision);
  const rows = diff.modules.map((module) => [
    module.path,
    show(module.before),
    show(module.after),
    module.delta === null ? '' : signed(module.delta),
    { up: 'up', down: 'REGRESSED', same: '', new: 'new', removed: 'removed' }[module.change],
  ]);
  const total = [
    'TOTAL',
    show(diff.totals.before),
    show(diff.totals.after),
    signed(diff.totals.delta),
    '',
  ];
  const header = ['Name', 'Before', 'After', 'Delta', 'Change'];
  const all = [header, ...rows, total];
  const widths = header.map((_, column) =>
    all.reduce((widest, row) => Math.max(widest, (row[column] ?? '').length), 0),
  );
  const right = (column: number) => column >= 1 && column <= 3;
  const cell = (text: string, column: number) =>
    right(column) ? text.padStart(widths[column] ?? 0) : text.padEnd(widths[column] ?? 0);
  const line = (row: readonly string[]) => row.map(cell).join('  ').trimEnd();
  const rule = '-'.repeat(line(header).length);
  return `${[line(header), rule, ...rows.map(line), rule, line(total)].join('\n')}\n`;
}
