import type { Section } from './document.js';
import { HEADING_ALIASES } from './heading-aliases.js';
import { headingLabel, headingWordsOf } from './heading-words.js';
import { isThematicBreak, readOutline, type Outline, type OutlineHeading } from './outline.js';
import { firstContentLine, lastContentLine } from './content-lines.js';
import { firstReached } from './sorted.js';

/** The words a heading is recognised by: its own, those before its separator, an alias's. */
export interface HeadingWords {
  readonly level: number;
  readonly text: string;
  readonly words: readonly string[];
  readonly label: readonly string[];
  readonly aliases: readonly (readonly string[])[];
}

/** How a rendered section is recognised in a document trackgen did not write. */
export type SectionKey =
  | (HeadingWords & {
      readonly kind: 'heading';
      readonly id: string;
      /** The heading is the section's first line (else it is the template's, just before it). */
      readonly inside: boolean;
      /** Headings the rendering has inside the section (`## Overview` under a title, say). */
      readonly subheadings: readonly HeadingWords[];
      /** The rendering ends with a thematic break inside the section. */
      readonly endsWithBreak: boolean;
    })
  | { readonly kind: 'footer'; readonly id: string; readonly endsWithBreak: boolean };

export interface RenderingKeys {
  readonly keys: readonly SectionKey[];
  /** The levels at which the rendering's sections begin: headings there end a section. */
  readonly sectionLevels: ReadonlySet<number>;
  /** Headings the template writes outside every section (a title above them, say). */
  readonly templateHeadings: readonly HeadingWords[];
  /** The headings each rendered section has in its text, by section id. */
  readonly headingsIn: ReadonlyMap<string, readonly OutlineHeading[]>;
}

export function headingWords(heading: OutlineHeading, id?: string): HeadingWords {
  const label = headingLabel(heading.text);
  return {
    level: heading.level,
    text: heading.text,
    words: headingWordsOf(heading.text),
    label: label === undefined ? [] : headingWordsOf(label),
    aliases: (id === undefined ? [] : (HEADING_ALIASES[id] ?? [])).map((alias) =>
      headingWordsOf(alias),
    ),
  };
}

/** The headings that start in [from, to), headings being in text order. */
function headingsWithin(
  headings: readonly OutlineHeading[],
  from: number,
  to: number,
): OutlineHeading[] {
  return headings.slice(
    firstReached(headings, (heading) => heading.start >= from),
    firstReached(headings, (heading) => heading.start >= to),
  );
}

function endsWithBreak(text: string, section: Section): boolean {
  return isThematicBreak(lastContentLine(text, section.begin.next, section.end.start) ?? '');
}

/** Read only by adoption: the words of many headings are not worth reading for every merge. */
function lazily<T>(read: () => T): () => T {
  let value: { readonly of: T } | undefined;
  return () => (value ??= { of: read() }).of;
}

function keyOf(
  text: string,
  outline: Outline,
  sections: readonly Section[],
  index: number,
): SectionKey | undefined {
  const section = sections[index];
  if (section === undefined) return undefined;
  const inBody = headingsWithin(outline.headings, section.begin.next, section.end.start);
  const firstContent = firstContentLine(text, section.begin.next, section.end.start);
  const own = inBody[0];
  const breakAtEnd = endsWithBreak(text, section);
  if (own !== undefined && own.source === firstContent?.trim()) {
    const subheadings = lazily(() => inBody.slice(1).map((heading) => headingWords(heading)));
    return {
      kind: 'heading',
      id: section.id,
      inside: true,
      get subheadings() {
        return subheadings();
      },
      endsWithBreak: breakAtEnd,
      ...headingWords(own, section.id),
    };
  }
  const gapStart = sections[index - 1]?.end.next ?? 0;
  // Headings come in text order and do not overlap: their starts and ends both ascend.
  const before = outline.headings.slice(
    firstReached(outline.headings, (heading) => heading.start >= gapStart),
    firstReached(outline.headings, (heading) => heading.next > section.begin.start),
  );
  const last = before[before.length - 1];
  const gapAfterHeading = last === undefined ? '' : text.slice(last.next, section.begin.start);
  if (last !== undefined && gapAfterHeading.trim() === '') {
    const subheadings = lazily(() => inBody.map((heading) => headingWords(heading)));
    return {
      kind: 'heading',
      id: section.id,
      inside: false,
      get subheadings() {
        return subheadings();
      },
      endsWithBreak: breakAtEnd,
      ...headingWords(last, section.id),
    };
  }
  const footer = outline.footers[0];
  if (footer !== undefined && footer.start >= section.begin.start && footer.start < section.end.end)
    return { kind: 'footer', id: section.id, endsWithBreak: breakAtEnd };
  return undefined;
}

/** Reads the keys of a rendering's sections (those without a heading or footer have none). */
export function renderingKeys(
  text: string,
  sections: readonly Section[],
  outline: Outline = readOutline(text),
): RenderingKeys {
  const keys = sections
    .map((_, index) => keyOf(text, outline, sections, index))
    .filter((key) => key !== undefined);
  const sectionLevels = new Set(keys.flatMap((key) => (key.kind === 'heading' ? [key.level] : [])));
  const headingsIn = new Map(
    sections.map((section) => [
      section.id,
      headingsWithin(outline.headings, section.begin.next, section.end.start),
    ]),
  );
  // Sections do not overlap: the only one that can hold a heading is the last begun before it.
  const ordered = [...sections].sort((a, b) => a.begin.start - b.begin.start);
  const templateHeadings = lazily(() =>
    outline.headings
      .filter((heading) => {
        const section = ordered[firstReached(ordered, (it) => it.begin.start > heading.start) - 1];
        return section === undefined || heading.start >= section.end.next;
      })
      .map((heading) => headingWords(heading)),
  );
  return {
    keys,
    sectionLevels,
    get templateHeadings() {
      return templateHeadings();
    },
    headingsIn,
  };
}
