import { toEol, type Section } from './document.js';
import { applyEdits, type Edit } from './edits.js';
import { matchStrength, matches, MATCH_STRENGTHS } from './heading-match.js';
import { formatBegin, formatEnd, formatManifest } from './markers.js';
import { readOutline, type Outline, type OutlineHeading } from './outline.js';
import { renderingKeys, type RenderingKeys, type SectionKey } from './section-keys.js';

/** Something adoption reports, at an offset of the file as it was. */
export interface AdoptionFinding {
  readonly offset: number;
  readonly message: string;
}

export interface Adoption {
  readonly text: string;
  /** The edits that turned the file into `text` (to place findings in the final file). */
  readonly edits: readonly Edit[];
  readonly adopted: readonly string[];
  /** Sections left out because the file has their kind at another heading level. */
  readonly released: readonly string[];
  readonly findings: readonly AdoptionFinding[];
}

type HeadingKey = Extract<SectionKey, { kind: 'heading' }>;

/** Where a section's text is in the file: from its heading (or footer) to where it ends. */
interface Match {
  readonly key: SectionKey;
  readonly heading: OutlineHeading | undefined;
  readonly start: number;
}

/** Offset just after the line break of the last non-blank line before `limit` (and after `from`). */
function trimTrailingBlankLines(text: string, from: number, limit: number): number {
  let end = limit;
  while (end > from) {
    const lineStart = lineStartAt(text, end - 1);
    if (text.slice(Math.max(lineStart, from), end).trim() !== '') break;
    end = Math.max(lineStart, from);
  }
  return end;
}

function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function skipBlankLines(text: string, offset: number, limit: number): number {
  let start = offset;
  while (start < limit) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline + 1;
    if (text.slice(start, next).trim() !== '') break;
    start = next;
  }
  return start;
}

/** The non-blank lines the template puts between a section and the next (a `---` rule, say). */
function gapAfter(fresh: string, sections: readonly Section[], id: string): string[] {
  const index = sections.findIndex((section) => section.id === id);
  const section = sections[index];
  if (section === undefined) return [];
  return fresh
    .slice(section.end.next, sections[index + 1]?.begin.start ?? fresh.length)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * Leaves out of a section the lines that stand between sections in the template, so they stay
 * outside the markers as they are in a generated file.
 */
function withoutTemplateGap(
  text: string,
  start: number,
  end: number,
  gap: readonly string[],
): number {
  let cut = end;
  for (let index = gap.length - 1; index >= 0 && cut > start; index--) {
    const lineStart = lineStartAt(text, cut - 1);
    if (text.slice(lineStart, cut).trim() !== gap[index]) return end;
    cut = trimTrailingBlankLines(text, start, lineStart);
  }
  return cut;
}

/** A rule that closes a section separates it from the next: it stays outside the markers. */
function withoutClosingBreaks(text: string, start: number, end: number, breaks: Set<number>) {
  let cut = end;
  while (cut > start && breaks.has(lineStartAt(text, cut - 1)))
    cut = trimTrailingBlankLines(text, start, lineStartAt(text, cut - 1));
  return cut;
}

/** Pairs rendered sections with the file's headings: strongest matches first, then the title. */
function matchHeadings(keys: RenderingKeys, outline: Outline): Map<HeadingKey, OutlineHeading> {
  const matched = new Map<HeadingKey, OutlineHeading>();
  const taken = new Set<OutlineHeading>();
  const headingKeys = keys.keys.filter((key): key is HeadingKey => key.kind === 'heading');
  const take = (key: HeadingKey, heading: OutlineHeading | undefined): void => {
    if (heading === undefined) return;
    matched.set(key, heading);
    taken.add(heading);
  };
  for (const strength of MATCH_STRENGTHS) {
    for (const key of headingKeys) {
      if (matched.has(key)) continue;
      take(
        key,
        outline.headings.find(
          (heading) => !taken.has(heading) && matchStrength(key, heading) === strength,
        ),
      );
    }
  }
  // A document has one title, whatever its words: the rendering's only level-1 section is the
  // file's first level-1 heading.
  const titles = headingKeys.filter((key) => key.level === 1);
  const [title] = titles;
  const firstH1 = outline.headings.find((heading) => heading.level === 1);
  if (titles.length === 1 && title !== undefined && !matched.has(title) && firstH1 !== undefined)
    if (!taken.has(firstH1)) take(title, firstH1);
  return matched;
}

/**
 * A section runs from its heading to the next heading at which a section may begin: one of the
 * same or a higher level, or one at a level the rendering's sections begin at (unless the
 * rendering has that heading inside this section), or the footer.
 */
function sectionEnd(
  text: string,
  heading: OutlineHeading,
  key: HeadingKey,
  keys: RenderingKeys,
  outline: Outline,
): number {
  const boundary = outline.headings.find(
    (other) =>
      other.start > heading.start &&
      (other.level <= heading.level ||
        (keys.sectionLevels.has(other.level) &&
          !key.subheadings.some((subheading) => matches(subheading, other)))),
  );
  const footer = outline.footers[0];
  const footerStart =
    footer !== undefined && footer.breakStart > heading.start ? footer.breakStart : text.length;
  return Math.min(boundary?.start ?? text.length, footerStart);
}

function describeLevel(level: number): string {
  return `a level-${level} heading`;
}

/**
 * Marks the sections of a hand-written file: each rendered section whose heading matches a
 * heading of the file (see heading-match.ts), and the rendered footer if the file ends with one,
 * gets markers around the file's own text there. The base hash is the new rendering's, so text
 * that differs from it is reported as a hand edit (and `--force` takes the rendering). Headings
 * that match nothing are reported and stay as they are; a rendered section whose heading the
 * file has at another level is left out (listed in the manifest, as if released), so the file
 * never gets that kind of section twice.
 */
export function adoptHeadings(
  text: string,
  fresh: string,
  sections: readonly Section[],
  eol: '\n' | '\r\n',
  force?: 'all' | ReadonlySet<string>,
): Adoption {
  const keys = renderingKeys(fresh, sections);
  const outline = readOutline(text);
  const breaks = new Set(outline.breaks);
  const byHeading = matchHeadings(keys, outline);
  const matchesFound: Match[] = [];
  for (const [key, heading] of byHeading)
    matchesFound.push({
      key,
      heading,
      start: key.inside ? heading.start : skipBlankLines(text, heading.next, text.length),
    });
  const footerKey = keys.keys.find((key) => key.kind === 'footer');
  const footer = outline.footers[0];
  if (footerKey !== undefined && footer !== undefined)
    matchesFound.push({ key: footerKey, heading: undefined, start: footer.start });
  matchesFound.sort((a, b) => a.start - b.start);

  const used: { start: number; end: number }[] = [];
  const edits: Edit[] = [];
  const adopted: string[] = [];
  for (const { key, heading, start } of matchesFound) {
    const section = sections.find((candidate) => candidate.id === key.id);
    if (section === undefined) continue;
    const limit =
      key.kind === 'heading' && heading !== undefined
        ? sectionEnd(text, heading, key, keys, outline)
        : text.length;
    let end = trimTrailingBlankLines(text, start, limit);
    end = withoutTemplateGap(text, start, end, gapAfter(fresh, sections, key.id));
    if (!key.endsWithBreak) end = withoutClosingBreaks(text, start, end, breaks);
    if (used.some((range) => start < range.end && range.start < end) || start > end) continue;
    used.push({ start, end });
    adopted.push(section.id);
    if (start === end) {
      // Nothing under the heading: nothing of the person's to keep, so take the rendering.
      const lead = start === text.length && text !== '' && !text.endsWith('\n') ? eol : '';
      const blankAfter = start === limit && limit < text.length ? eol : '';
      edits.push({
        start,
        end,
        text:
          lead + toEol(`${fresh.slice(section.begin.start, section.end.end)}\n`, eol) + blankAfter,
      });
      continue;
    }
    const close = end === text.length && !text.endsWith('\n') ? eol : '';
    const begin = formatBegin({ id: section.id, hash: section.attributes.hash, pinned: false });
    edits.push({ start, end: start, text: begin + eol });
    edits.push({ start: end, end, text: `${close}${formatEnd(section.id)}${eol}` });
  }

  const findings: AdoptionFinding[] = [];
  const matchedHeadings = new Set(byHeading.values());
  const deepest = Math.max(0, ...keys.sectionLevels);
  const inside = (offset: number): boolean =>
    used.some((range) => range.start <= offset && offset < range.end);
  const unmatched = outline.headings.filter(
    (heading) =>
      heading.level <= deepest &&
      !matchedHeadings.has(heading) &&
      !inside(heading.start) &&
      !keys.templateHeadings.some((template) => matchStrength(template, heading) === 'words'),
  );
  for (const heading of unmatched) {
    findings.push({
      offset: heading.start + heading.column - 1,
      message: `Heading \`${heading.source}\` matches no section trackgen generates in this file: it stays your text, outside the markers`,
    });
  }

  // Text in a section about to be forced is replaced by the rendering: it does not count.
  const forced = used.filter(
    (_, index) => force === 'all' || force?.has(adopted[index] ?? '') === true,
  );
  const released: string[] = [];
  for (const key of keys.keys) {
    if (key.kind !== 'heading' || byHeading.has(key)) continue;
    const elsewhere = outline.headings.find((heading) => {
      if (forced.some((range) => range.start <= heading.start && heading.start < range.end))
        return false;
      const strength = matchStrength(key, heading, { anyLevel: true });
      return heading.level !== key.level && (strength === 'words' || strength === 'alias');
    });
    if (elsewhere === undefined) continue;
    released.push(key.id);
    findings.push({
      offset: elsewhere.start + elsewhere.column - 1,
      message: `Section \`${key.id}\` (\`${'#'.repeat(key.level)} ${key.text}\`) is not added: this file has it as \`${elsewhere.source}\`, ${describeLevel(elsewhere.level)} where trackgen's is ${describeLevel(key.level)}, so it stays your text; to have trackgen generate it instead, delete \`${key.id}\` from the manifest line (and this part, or the file will have both)`,
    });
  }
  if (released.length > 0) {
    const lead = text === '' || text.endsWith('\n') ? eol : eol + eol;
    edits.push({
      start: text.length,
      end: text.length,
      text: `${lead}${formatManifest(released)}${eol}`,
    });
  }
  findings.sort((a, b) => a.offset - b.offset);
  return { text: applyEdits(text, edits), edits, adopted, released, findings };
}
