/**
 * The lists a summary keeps under its own headings: challenges (a heading each, with Problem and
 * Solution labels, or a two-column table), lessons (a heading each, or a bold-titled list item)
 * and commits (a list). A section is found by its heading's words, whatever its emoji or level.
 */
import type { Session } from '../data/schema.js';
import { significantWords } from '../merge/heading-words.js';
import type { Heading, Outline, OutlineLine } from './outline.js';

type Challenge = NonNullable<Session['challenges']>[number];
type Lesson = NonNullable<Session['lessons']>[number];
type Commit = NonNullable<Session['commits']>[number];

export interface Mapped<T> {
  readonly items: T[];
  readonly lines: Set<number>;
}

const CHALLENGE_SECTION = new Set(['challenge', 'defi', 'obstacle', 'difficulte']);
const LESSON_SECTION = new Set([
  'lesson',
  'learning',
  'learned',
  'takeaway',
  'lecon',
  'enseignement',
  'apprentissage',
]);
const COMMIT_SECTION = new Set(['commit']);

const LABEL =
  /^\s*(?:[-*+]\s+)?\*\*([^*]+?)\*\*\s*[:：]?\s*(.*)$|^\s*(?:[-*+]\s+)?([\p{L} ]{2,30}?)\s*[:：]\s+(.*)$/u;

/** A heading's text as a title: no emoji, no "Challenge 2:" or "3." numbering. */
export function cleanTitle(text: string): string {
  return text
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '')
    .replace(/^\s*(?:challenge|défi|defi|problem|lesson|leçon)?\s*#?\d+\s*[:.)\-–—]\s*/iu, '')
    .replace(/^\s*\d+[.)]\s*/u, '')
    .replace(/^\*\*(.*)\*\*$/u, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function sectionsOf(outline: Outline, words: ReadonlySet<string>): Heading[] {
  return outline.headings.filter((heading) =>
    significantWords(heading.text).some((word) => words.has(word)),
  );
}

/** The lines under `heading` up to the next heading at its level or above. */
function linesUnder(outline: Outline, heading: Heading): OutlineLine[] {
  const after = outline.lines.slice(heading.line);
  const end = after.findIndex(
    (line) => line.kind === 'heading' && (line.headings.at(-1)?.depth ?? 0) <= heading.depth,
  );
  return end === -1 ? after : after.slice(0, end);
}

/** The lines of `heading` itself, up to the next heading of any level. */
function ownLines(outline: Outline, heading: Heading): OutlineLine[] {
  const after = outline.lines.slice(heading.line);
  const end = after.findIndex((line) => line.kind === 'heading');
  return end === -1 ? after : after.slice(0, end);
}

interface Labelled {
  readonly key: string[];
  readonly value: string;
  readonly lines: number[];
}

/** The labelled parts of a block: a label's value runs on until the next label or the end. */
function labelledParts(lines: readonly OutlineLine[]): Labelled[] {
  const parts: { key: string[]; value: string[]; lines: number[] }[] = [];
  for (const line of lines) {
    const match = line.kind === 'text' ? LABEL.exec(line.text) : null;
    const label = match === null ? undefined : (match[1] ?? match[3]);
    if (match !== null && label !== undefined) {
      parts.push({
        key: significantWords(label.replace(/[:：]\s*$/u, '')),
        value: [match[2] ?? match[4] ?? ''],
        lines: [line.number],
      });
    } else if (/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/u.test(line.text) && line.kind === 'text') {
      break;
    } else if (parts.length > 0 && line.kind !== 'blank') {
      const part = parts[parts.length - 1];
      part?.value.push(line.text);
      part?.lines.push(line.number);
    } else if (parts.length > 0) {
      parts[parts.length - 1]?.value.push('');
    }
  }
  return parts
    .map((part) => ({ key: part.key, value: part.value.join('\n').trim(), lines: part.lines }))
    .filter((part) => part.value !== '');
}

const keyHas = (part: Labelled, ...words: string[]) =>
  words.some((word) => part.key.includes(word));

/** Sub-headings of a section that have content of their own. */
function entries(outline: Outline, section: Heading): Heading[] {
  return linesUnder(outline, section)
    .filter((line) => line.kind === 'heading')
    .map((line) => line.headings.at(-1))
    .filter((heading): heading is Heading => heading !== undefined)
    .filter((heading) => ownLines(outline, heading).some((line) => line.kind !== 'blank'));
}

export function mapChallenges(outline: Outline): Mapped<Challenge> {
  const items: Challenge[] = [];
  const lines = new Set<number>();
  for (const section of sectionsOf(outline, CHALLENGE_SECTION)) {
    for (const entry of entries(outline, section)) {
      const parts = labelledParts(ownLines(outline, entry));
      const problem = parts.find((part) => keyHas(part, 'problem', 'issue', 'probleme'));
      const solution =
        parts.find((part) => keyHas(part, 'solution', 'fix', 'resolution', 'correctif')) ??
        undefined;
      const title = cleanTitle(entry.text);
      if (solution === undefined || title === '') continue;
      items.push({
        title,
        ...(problem === undefined ? {} : { problem: problem.value }),
        solution: solution.value,
      });
      for (const line of [entry.line, ...(problem?.lines ?? []), ...solution.lines])
        lines.add(line);
    }
    // A table of challenges: | Challenge | Solution |.
    for (const line of ownLines(outline, section)) {
      if (
        line.kind !== 'table' ||
        line.number === line.table ||
        /^\s*\|?[\s|:-]+\|?\s*$/.test(line.text)
      )
        continue;
      const cells = line.text
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim());
      if (cells.length !== 2 || cells[0] === '' || cells[1] === '') continue;
      items.push({ title: cells[0] ?? '', solution: cells[1] ?? '' });
      lines.add(line.number);
    }
  }
  return { items, lines };
}

export function mapLessons(outline: Outline): Mapped<Lesson> {
  const items: Lesson[] = [];
  const lines = new Set<number>();
  for (const section of sectionsOf(outline, LESSON_SECTION)) {
    for (const line of ownLines(outline, section)) {
      const item = /^\s*(?:[-*+]|\d+[.)])\s+\*\*([^*]+?)\*\*\s*[:：—–-]?\s*(.*)$/u.exec(line.text);
      if (line.kind !== 'text' || item === null) continue;
      const title = (item[1] ?? '').replace(/[:：]\s*$/u, '').trim();
      const insight = (item[2] ?? '').trim();
      items.push({ title, ...(insight === '' ? {} : { insight: [insight] }) });
      lines.add(line.number);
    }
    for (const entry of entries(outline, section)) {
      if (entry === section) continue;
      const own = ownLines(outline, entry);
      const parts = labelledParts(own);
      const lesson: Lesson & Record<string, unknown> = { title: cleanTitle(entry.text) };
      if (lesson.title === '') continue;
      const used: number[] = [entry.line];
      const take = (
        part: Labelled | undefined,
        field: 'problem' | 'solution' | 'failedApproach',
      ) => {
        if (part === undefined) return;
        lesson[field] = part.value;
        used.push(...part.lines);
      };
      take(
        parts.find((part) => keyHas(part, 'problem', 'issue', 'probleme')),
        'problem',
      );
      take(
        parts.find((part) => keyHas(part, 'solution', 'fix')),
        'solution',
      );
      take(
        parts.find((part) => keyHas(part, 'mistake', 'failed', 'erreur')),
        'failedApproach',
      );
      const insights = parts.filter((part) =>
        keyHas(part, 'insight', 'discovery', 'lesson', 'learning', 'lecon'),
      );
      const whenToUse = parts.filter((part) =>
        keyHas(part, 'application', 'when', 'recommendation', 'quand'),
      );
      if (insights.length > 0) lesson.insight = insights.map((part) => part.value);
      if (whenToUse.length > 0) lesson.whenToUse = whenToUse.map((part) => part.value);
      for (const part of [...insights, ...whenToUse]) used.push(...part.lines);
      const usedSoFar = new Set(used);
      {
        // Bullets no label above took are the lesson's insights, as written.
        const bullets = own.filter(
          (line) =>
            line.kind === 'text' && /^[-*+]\s+/u.test(line.text) && !usedSoFar.has(line.number),
        );
        if (bullets.length > 0) {
          lesson.insight = bullets.map((line) => line.text.replace(/^[-*+]\s+/u, '').trim());
          used.push(...bullets.map((line) => line.number));
        }
      }
      items.push(lesson);
      for (const line of used) lines.add(line);
    }
  }
  return { items, lines };
}

const COMMIT_LINE =
  /^\s*[-*+]\s+(?:`?([0-9a-f]{7,40})`?\s*[-:–—]?\s*)?(.+?)(?:\s*\(`?([0-9a-f]{7,40})`?\))?\s*$/u;

export function mapCommits(outline: Outline): Mapped<Commit> {
  const items: Commit[] = [];
  const lines = new Set<number>();
  for (const section of sectionsOf(outline, COMMIT_SECTION)) {
    for (const line of linesUnder(outline, section)) {
      const match = line.kind === 'text' ? COMMIT_LINE.exec(line.text) : null;
      if (match === null) continue;
      const hash = match[1] ?? match[3];
      const message = (match[2] ?? '').replace(/^`(.*)`$/u, '$1').trim();
      if (message === '') continue;
      items.push({ message, ...(hash === undefined ? {} : { hash }) });
      lines.add(line.number);
    }
  }
  return { items, lines };
}
