/**
 * Template helpers: formatting of figures (percent, thousands, deltas, plurals, ranges, marks)
 * and the Markdown-aware escaping of data. Every helper is a plain function of its arguments.
 */
import type { HelperDelegate, HelperOptions } from 'handlebars';
import { formatPercent } from '../coverage/figures/percent.js';
import { gfmTable } from '../markdown/table.js';
import { inlineText, neutraliseMarkers, tableCell } from '../markdown/text.js';
import { pluralNoun } from '../text/plural.js';

type Handlebars = typeof import('handlebars');

const NOT_AVAILABLE = 'n/a';

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** "69.22%", with coverage.py's rule that 99.999 never shows as 100. */
export function percent(value: unknown, precision: unknown = 2): string {
  if (!isNumber(value)) return NOT_AVAILABLE;
  return `${formatPercent(value, isNumber(precision) ? precision : 2)}%`;
}

/**
 * A percent a person recorded: "69.22%", "~73% (estimated)" for an estimate (shown as typed: an
 * estimate has no precision to pad), and "not recorded" when nobody recorded it — never "n/a",
 * which reads as if the figure could not exist.
 */
export function recordedPercent(value: unknown, estimated: unknown): string {
  if (!isNumber(value)) return 'not recorded';
  if (estimated === true) return `~${String(value)}% (estimated)`;
  return percent(value);
}

/** "2,413" — grouped by hand: fixed to en-US whatever the machine's locale, and far cheaper than toLocaleString. */
export function thousands(value: unknown): string {
  if (!isNumber(value)) return NOT_AVAILABLE;
  const [whole = '', fraction] = String(Math.round(value * 100) / 100).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign === '' ? whole : whole.slice(1);
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** "+61.23%", "-0.50%", "+0.00%". */
export function deltaPercent(value: unknown, precision: unknown = 2): string {
  if (!isNumber(value)) return NOT_AVAILABLE;
  const digits = isNumber(precision) ? precision : 2;
  const rounded = value.toFixed(digits);
  return `${value < 0 && Number(rounded) !== 0 ? '' : '+'}${Number(rounded) === 0 ? (0).toFixed(digits) : rounded}%`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A record's "YYYY-MM-DD" date: as it is ("iso", the default), or "long" ("November 24, 2025").
 * Dates come from records, never from the clock, so output is reproducible.
 */
export function date(value: unknown, style: unknown = 'iso'): string {
  if (typeof value !== 'string') return NOT_AVAILABLE;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null || style !== 'long') return value;
  return `${MONTHS[Number(match[2]) - 1] ?? match[2]} ${Number(match[3])}, ${match[1]}`;
}

/** "1-3, 7, 9-10" for a list of line numbers: consecutive numbers become a range. */
export function ranges(values: unknown): string {
  if (!Array.isArray(values)) return NOT_AVAILABLE;
  const numbers = [...new Set(values.filter(isNumber))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let index = 0; index < numbers.length; index++) {
    const start = numbers[index] ?? 0;
    let end = start;
    while (numbers[index + 1] === end + 1) end = numbers[++index] ?? end;
    parts.push(start === end ? `${start}` : `${start}-${end}`);
  }
  return parts.join(', ');
}

/** "+5", "-2", "0" for counts. */
export function signed(value: unknown): string {
  if (!isNumber(value)) return NOT_AVAILABLE;
  return value > 0 ? `+${thousands(value)}` : thousands(value);
}

/** "102 tests", "1 class": the noun is singular, its plural is given or made with -s/-es. */
export function plural(count: unknown, singular: unknown, pluralForm?: unknown): string {
  if (!isNumber(count) || typeof singular !== 'string') return NOT_AVAILABLE;
  const many = typeof pluralForm === 'string' ? pluralForm : undefined;
  return `${thousands(count)} ${pluralNoun(count, singular, many)}`;
}

/** "1/4 (25%)". */
export function progress(done: unknown, total: unknown): string {
  if (!isNumber(done) || !isNumber(total)) return NOT_AVAILABLE;
  const share = total === 0 ? 0 : Math.round((done / total) * 100);
  return `${done}/${total} (${share}%)`;
}

/** Whole-number share: 25 for 1 of 4. */
export function share(done: unknown, total: unknown): string {
  if (!isNumber(done) || !isNumber(total) || total === 0) return '0';
  return String(Math.round((done / total) * 100));
}

const STATUS_MARKS: Readonly<Record<string, string>> = {
  complete: '✅',
  done: '✅',
  maintained: '✅',
  accepted: '✅',
  true: '✅',
  regressed: '⚠️',
  'in-progress': '🚀',
  planned: '⏳',
  pending: '⏳',
  'not-started': '⏳',
  false: '⏳',
};

/** ✅ ⏳ 🚀 ⚠️ for a status (or a boolean: done / not yet). */
export function mark(status: unknown): string {
  return STATUS_MARKS[String(status)] ?? '';
}

const ONES = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const TENS_ORDINAL = [
  '',
  '',
  'twentieth',
  'thirtieth',
  'fortieth',
  'fiftieth',
  'sixtieth',
  'seventieth',
  'eightieth',
  'ninetieth',
];

/** "twenty-eighth" for 28; numbers from 100 on fall back to "128th". */
export function ordinalWords(value: unknown): string {
  if (!isNumber(value) || value < 1 || !Number.isInteger(value)) return NOT_AVAILABLE;
  if (value >= 100) return ordinal(value);
  if (value < 20) return ONES[value] ?? '';
  const tens = Math.floor(value / 10);
  const ones = value % 10;
  return ones === 0 ? (TENS_ORDINAL[tens] ?? '') : `${TENS[tens] ?? ''}-${ONES[ones] ?? ''}`;
}

/** "29th", "1st", "112th". */
export function ordinal(value: unknown): string {
  if (!isNumber(value)) return NOT_AVAILABLE;
  const lastTwo = value % 100;
  const suffix =
    lastTwo >= 11 && lastTwo <= 13
      ? 'th'
      : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[value % 10] ?? 'th');
  return `${value}${suffix}`;
}

const NOT_RECORDED = 'not recorded';

/** "2,413", or "not recorded" for a figure nobody recorded (never a guess, never a zero). */
export function recorded(value: unknown): string {
  return isNumber(value) ? thousands(value) : NOT_RECORDED;
}

/** pytest's words for the outcomes a session's test counts may hold, in pytest's order. */
const TEST_OUTCOME_WORDS = [
  ['passing', 'passing', 'passing'],
  ['failed', 'failed', 'failed'],
  ['errors', 'error', 'errors'],
  ['skipped', 'skipped', 'skipped'],
  ['xfailed', 'xfailed', 'xfailed'],
  ['xpassed', 'xpassed', 'xpassed'],
] as const;

/** "2,730 passing, 1 skipped, 78 errors": the recorded outcomes only; "not recorded" when none is. */
export function testCounts(tests: unknown): string {
  if (tests === null || typeof tests !== 'object') return NOT_RECORDED;
  const figures = tests as Record<string, unknown>;
  const parts = TEST_OUTCOME_WORDS.flatMap(([key, one, many]) => {
    const value = figures[key];
    return isNumber(value) ? [`${thousands(value)} ${value === 1 ? one : many}`] : [];
  });
  return parts.length === 0 ? NOT_RECORDED : parts.join(', ');
}

export function codeBlock(code: string, language: string): string {
  const longestRun = Math.max(0, ...[...code.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${neutraliseMarkers(code.replace(/\r\n/g, '\n').replace(/\n+$/, ''))}\n${fence}`;
}

export function registerHelpers(handlebars: Handlebars): void {
  const helpers: Record<string, HelperDelegate> = {
    percent: (value: unknown, precision: unknown) =>
      percent(value, isOptions(precision) ? 2 : precision),
    deltaPercent: (value: unknown, precision: unknown) =>
      deltaPercent(value, isOptions(precision) ? 2 : precision),
    recordedPercent: (value: unknown, estimated: unknown) =>
      recordedPercent(value, isOptions(estimated) ? false : estimated),
    thousands,
    recorded,
    testCounts,
    signed,
    ranges,
    date: (value: unknown, style: unknown) => date(value, isOptions(style) ? 'iso' : style),
    plural: (count: unknown, singular: unknown, pluralForm: unknown) =>
      plural(count, singular, isOptions(pluralForm) ? undefined : pluralForm),
    progress,
    share,
    mark,
    ordinal,
    ordinalWords,
    upper: (text: unknown) => asText(text).toUpperCase(),
    capitalise: (text: unknown) => {
      const value = asText(text);
      return value.charAt(0).toUpperCase() + value.slice(1);
    },
    /** 1-based position from @index. */
    increment: (value: unknown) => (isNumber(value) ? value + 1 : NOT_AVAILABLE),
    /** Status cell of the commits log: a known hash is committed, an unknown one pending. */
    commitStatus: (hash: unknown) =>
      typeof hash === 'string' && hash !== '' ? '✅ Committed' : '⏳ Pending',
    /** The first value that is not null: `{{or hash "TBD"}}`. */
    or: (...args: unknown[]) =>
      args
        .slice(0, -1)
        .find(
          (value) => value !== null && value !== undefined && value !== false && value !== '',
        ) ?? '',
    and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
    not: (value: unknown) => !value,
    eq: (a: unknown, b: unknown) => a === b,
    gt: (a: unknown, b: unknown) => isNumber(a) && isNumber(b) && a > b,
    /** "1, 2, 3": joins a list with a separator (default ", "). */
    join: (list: unknown, separator: unknown) =>
      Array.isArray(list)
        ? list.map(String).join(typeof separator === 'string' ? separator : ', ')
        : '',
    concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
    minus: (a: unknown, b: unknown) => (isNumber(a) && isNumber(b) ? a - b : null),
    /** A fenced code block whose fence no backtick run in the code can close early. */
    codeBlock: (code: unknown, language: unknown) =>
      codeBlock(asText(code), typeof language === 'string' ? language : ''),
    /** Text from data in a single-line context (list item, bold label). */
    inline: (text: unknown) => inlineText(asText(text)),
    /** Text from data in a table cell. */
    cell: (text: unknown) => tableCell(asText(text)),
    /** Whether a value is there: not null and not an empty list. */
    present: (value: unknown) =>
      value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0),
    /**
     * `{{#table "Commit" "Description"}}{{#each rows}}{{row a b}}{{/each}}{{/table}}`: a GFM table
     * aligned as Prettier aligns it; cells are escaped with the `cell` rules.
     */
    table(this: unknown, ...args: unknown[]) {
      const options = args.at(-1) as HelperOptions;
      const header = args.slice(0, -1).map((value) => tableCell(String(value)));
      const rows: string[][] = [];
      const data = handlebars.createFrame(options.data ?? {}) as { tableRows?: string[][] };
      data.tableRows = rows;
      options.fn(this, { data });
      // The line break after {{/table}} is consumed as a standalone tag: give it back.
      return `${gfmTable(header, rows)}\n`;
    },
    row(...args: unknown[]) {
      const options = args.at(-1) as HelperOptions;
      const rows = (options.data as { tableRows?: string[][] } | undefined)?.tableRows;
      if (rows === undefined) throw new Error('the "row" helper must be used inside {{#table}}');
      rows.push(args.slice(0, -1).map((value) => tableCell(asText(value))));
      return '';
    },
  };
  for (const [name, helper] of Object.entries(helpers)) handlebars.registerHelper(name, helper);
}

/**
 * What a value from data reads as in a document: nothing for a missing value, and JSON for a
 * list or an object a template passed where text belongs, rather than "[object Object]".
 */
function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return typeof value === 'object' ? JSON.stringify(value) : '';
}

function isOptions(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'hash' in value && 'data' in value;
}
