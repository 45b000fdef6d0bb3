import { formatPercent } from '../coverage/percent.js';

export function formatPercentForMessage(percent: number): string {
  return `${formatPercent(percent, 2)}%`;
}
