/**
 * Labelled values, however a person wrote them: `**Tests Created**: 102`, `**Date:** …`,
 * `- Tests created : 12` (French spacing), a two-column table row, a row of a Before/After table,
 * or `Final: 100.00% (…)` inside a code block. Labels are compared by their words (see
 * src/merge/heading-words.ts), so case, emoji, accents and punctuation do not matter.
 */
import { significantWords } from '../merge/heading-words.js';
import type { OutlineLine } from './outline.js';

export interface Fact {
  /** The line the value is on. */
  readonly line: number;
  readonly label: string;
  /** The label's words, normalised. */
  readonly words: readonly string[];
  /** The value as written (Markdown), trimmed. */
  readonly value: string;
  /** Words of the headings over the line, nearest first, then of a table column's header. */
  readonly context: readonly string[][];
  readonly from: 'label' | 'table' | 'code';
}

const ITEM = String.raw`(?:(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?)?`;
const LEADING_SYMBOLS = String.raw`(?:[\p{Extended_Pictographic}\u{FE0F}\u{200D}]\s*)*`;
const BOLD_LABEL = new RegExp(
  String.raw`^\s*${ITEM}${LEADING_SYMBOLS}\*\*([^*]+?)\*\*\s*([:：])?\s*(.*)$`,
  'u',
);
const PLAIN_LABEL = new RegExp(
  String.raw`^\s*${ITEM}${LEADING_SYMBOLS}([\p{L}][\p{L}\p{N} ()/'’.-]{0,40}?)\s*[:：]\s+(\S.*)$`,
  'u',
);
const CODE_LABEL = /^\s*([A-Za-z][A-Za-z ]{0,30}):\s+(\S.*)$/u;

function headingContext(line: OutlineLine): string[][] {
  return [...line.headings].reverse().map((heading) => significantWords(heading.text));
}

function fact(
  line: OutlineLine,
  label: string,
  value: string,
  from: Fact['from'],
  extra: string[][] = [],
): Fact | undefined {
  // The stemmer leaves "branches" as "branche"; the mapping speaks of "branch".
  const words = significantWords(label).map((word) => (word === 'branche' ? 'branch' : word));
  if (words.length === 0 || words.length > 6) return undefined;
  return {
    line: line.number,
    label: label.trim(),
    words,
    value: value.trim(),
    context: [...extra, ...headingContext(line)],
    from,
  };
}

/** A bold label ends with its colon inside or right after the bold; a plain one needs a colon. */
function labelOnLine(line: OutlineLine): Fact | undefined {
  const bold = BOLD_LABEL.exec(line.text);
  if (bold !== null) {
    const [, rawLabel = '', colon, value = ''] = bold;
    const labelled = colon !== undefined || /[:：]\s*$/u.test(rawLabel);
    if (labelled && value.trim() !== '')
      return fact(line, rawLabel.replace(/[:：]\s*$/u, ''), value, 'label');
    return undefined;
  }
  const plain = PLAIN_LABEL.exec(line.text);
  if (plain === null) return undefined;
  return fact(line, plain[1] ?? '', plain[2] ?? '', 'label');
}

const cells = (row: string): string[] =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());

export function collectFacts(lines: readonly OutlineLine[]): Fact[] {
  const facts: Fact[] = [];
  const tableHeaders = new Map<number, string[]>();
  for (const line of lines) {
    if (line.kind === 'text') {
      const found = labelOnLine(line);
      if (found !== undefined) facts.push(found);
    } else if (line.kind === 'code') {
      const match = CODE_LABEL.exec(line.text);
      if (match !== null) {
        const found = fact(line, match[1] ?? '', match[2] ?? '', 'code');
        if (found !== undefined) facts.push(found);
      }
    } else if (line.kind === 'table' && line.table !== undefined) {
      if (line.number === line.table) {
        tableHeaders.set(line.table, cells(line.text));
        continue;
      }
      if (/^\s*\|?[\s|:-]+\|?\s*$/.test(line.text)) continue;
      const header = tableHeaders.get(line.table) ?? [];
      const row = cells(line.text);
      const label = row[0] ?? '';
      if (row.length === 2) {
        const found = fact(line, label, row[1] ?? '', 'table');
        if (found !== undefined) facts.push(found);
        continue;
      }
      row.slice(1).forEach((value, index) => {
        const found = fact(line, label, value, 'table', [
          significantWords(header[index + 1] ?? ''),
        ]);
        if (found !== undefined && value !== '') facts.push(found);
      });
    }
  }
  return facts;
}
