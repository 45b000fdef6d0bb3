/**
 * A coverage badge as SVG, made here from the figures (no badge service, no network): the
 * shields.io "flat" look, a label and the total percent. Deterministic — the same figures give
 * the same bytes — so a committed badge changes only when the figure does. Text widths are
 * estimated from per-character advance widths of Verdana 11px (the font the badge names), so
 * the boxes fit the text without measuring it.
 */
import { formatPercent } from '../figures/percent.js';

export interface BadgeOptions {
  /** The project's goal: at or above it the badge is green. */
  readonly goal: number;
  readonly label?: string;
  readonly precision?: number;
}

export const BADGE_COLOURS = {
  complete: '#4c1', // 100%: TRUE 100
  goal: '#97ca00', // at or above the goal
  near: '#dfb317', // within 20 points of the goal
  low: '#e05d44',
  unknown: '#9f9f9f', // no report
} as const;

export function badgeColour(percent: number | undefined, goal: number): string {
  if (percent === undefined) return BADGE_COLOURS.unknown;
  if (percent >= 100) return BADGE_COLOURS.complete;
  if (percent >= goal) return BADGE_COLOURS.goal;
  if (percent >= goal - 20) return BADGE_COLOURS.near;
  return BADGE_COLOURS.low;
}

/** The badge for a total percent, or "unknown" without a report. */
export function coverageBadge(percent: number | undefined, options: BadgeOptions): string {
  const label = options.label ?? 'coverage';
  const value =
    percent === undefined ? 'unknown' : `${formatPercent(percent, options.precision ?? 0)}%`;
  const colour = badgeColour(percent, options.goal);
  const left = textWidth(label) + 10;
  const right = textWidth(value) + 10;
  const width = left + right;
  const text = (content: string, centre: number) =>
    `<text x="${centre * 10}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${(textWidth(content) * 10).toString()}">${escapeXml(content)}</text><text x="${centre * 10}" y="140" transform="scale(.1)" fill="#fff" textLength="${(textWidth(content) * 10).toString()}">${escapeXml(content)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${escapeXml(`${label}: ${value}`)}">
<title>${escapeXml(`${label}: ${value}`)}</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${colour}"/><rect width="${width}" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">${text(label, left / 2)}${text(value, left + right / 2)}</g>
</svg>
`;
}

/** Advance widths (px) of Verdana 11px for the characters a badge shows; others count as 7. */
const WIDTHS: Record<string, number> = {
  ' ': 3.9,
  '%': 11.2,
  '.': 4.4,
  '-': 4.7,
  ':': 4.6,
  '0': 7,
  '1': 7,
  '2': 7,
  '3': 7,
  '4': 7,
  '5': 7,
  '6': 7,
  '7': 7,
  '8': 7,
  '9': 7,
  a: 6.7,
  b: 6.9,
  c: 5.8,
  d: 6.9,
  e: 6.6,
  f: 3.9,
  g: 6.9,
  h: 7,
  i: 3,
  j: 3.8,
  k: 6.5,
  l: 3,
  m: 10.7,
  n: 7,
  o: 6.7,
  p: 6.9,
  q: 6.9,
  r: 4.7,
  s: 5.7,
  t: 4.3,
  u: 7,
  v: 6.5,
  w: 9,
  x: 6.5,
  y: 6.5,
  z: 5.8,
};

/** Estimated width of a text in whole pixels. */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDTHS[character] ?? (/[A-Z]/.test(character) ? 7.5 : 7);
  return Math.round(width);
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
