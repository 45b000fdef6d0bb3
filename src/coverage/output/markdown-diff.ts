/**
 * A coverage diff as Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: one line with
 * the total before, after and the delta, then a GFM table of the modules that changed only (a
 * comment must stay short on a large project), then how many did not change.
 */
import { gfmTable, type ColumnAlign } from '../../markdown/table.js';
import { escapeText } from '../../markdown/text.js';
import { plural } from '../../text/plural.js';
import { formatPercent } from '../figures/percent.js';
import { signedDelta } from './delta.js';
import type { CoverageDiff, ModuleChange } from './diff.js';

const CHANGE: Record<ModuleChange, string> = {
  up: '⬆️ up',
  down: '🔻 REGRESSED',
  same: '',
  new: '🆕 new',
  removed: '✖️ removed',
};

export function formatMarkdownDiff(diff: CoverageDiff, precision: number): string {
  const signed = (value: number) => signedDelta(value, precision);
  const show = (value: number | null) =>
    value === null ? '-' : `${formatPercent(value, precision)}%`;
  const changed = diff.modules.filter((module) => module.change !== 'same');
  const unchanged = diff.modules.length - changed.length;
  const { totals } = diff;
  const regressions = diff.regressions.length;
  const headline = `**Coverage: ${show(totals.after)}** (was ${show(totals.before)}, ${signed(totals.delta)}) — ${
    changed.length === 0 ? 'no module changed' : `${plural(changed.length, 'module')} changed`
  }${regressions > 0 ? `, ${regressions} went down` : ''}`;
  const header = ['Name', 'Before', 'After', 'Delta', 'Change'];
  const rows = changed.map((module) => [
    escapeText(module.path),
    show(module.before),
    show(module.after),
    module.delta === null ? '' : signed(module.delta),
    CHANGE[module.change],
  ]);
  const bold = (text: string) => `**${text}**`;
  rows.push([
    bold('TOTAL'),
    bold(show(totals.before)),
    bold(show(totals.after)),
    bold(signed(totals.delta)),
    '',
  ]);
  const align = header.map((_, column): ColumnAlign =>
    column >= 1 && column <= 3 ? 'right' : 'none',
  );
  const footer = unchanged > 0 ? `\n${plural(unchanged, 'module')} unchanged.\n` : '';
  return `${headline}\n\n${gfmTable(header, rows, { align })}\n${footer}`;
}
