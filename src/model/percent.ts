import { formatPercent } from '../coverage/format-percent.js';

export function formatPercentForMessage(percent: number): string {
  return `${formatPercent(percent, 2)}%`;
}
