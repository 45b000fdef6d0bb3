import type { Severity } from '../diagnostics.js';
import type { Section } from './document.js';
import { HeadingIndex } from './heading-index.js';
import { readOutline, type Outline, type OutlineHeading } from './outline.js';
import type { RenderingKeys } from './section-keys.js';
import { firstReached } from './sorted.js';

export interface DuplicateKind {
  readonly offset: number;
  readonly severity: Severity;
  readonly message: string;
}

function within(section: Section, offset: number): boolean {
  return offset >= section.begin.next && offset < section.end.start;
}

/**
 * The id of the section whose body holds an offset, or undefined outside every section. Sections
 * do not overlap: the only candidate is the last begun before the offset, found by binary search.
 */
function sectionContaining(sections: readonly Section[]): (offset: number) => string | undefined {
  const ordered = [...sections].sort((a, b) => a.begin.start - b.begin.start);
  return (offset) => {
    const candidate = ordered[firstReached(ordered, (other) => other.begin.next > offset) - 1];
    return candidate !== undefined && within(candidate, offset) ? candidate.id : undefined;
  };
}

/**
 * Whether a rendering (or a file just created from it) can have a second section of a kind at
 * all: only a heading outside every section or a footer can be one (see `isRendering` below), and
 * most renderings have neither, so their keys need not be read.
 */
export function renderingMayRepeatKinds(outline: Outline, sections: readonly Section[]): boolean {
  if (outline.footers.length > 0) return true;
  const container = sectionContaining(sections);
  return outline.headings.some((heading) => container(heading.start) === undefined);
}

/**
 * Finds a second section of a kind trackgen generates in this file: a heading that matches a
 * generated section's heading (as adoption matches them) but is not that section's own, or a
 * second footer. Such a file contradicts itself (two progress tables, two statuses). A heading
 * that only shares the rendered heading's label ("Coverage …") is a warning: it may be the
 * person's own section.
 */
export function findDuplicateKinds(
  text: string,
  sections: readonly Section[],
  keys: RenderingKeys,
  reading: {
    /** The text's outline, when the caller has it. */
    readonly outline?: Outline;
    /**
     * The text is the rendering itself (a file just created): a heading inside one of its
     * sections is the rendering's own, never a second of anything, so only the headings outside
     * every section are candidates (tests/merge/fast-paths.test.ts holds this to a full search).
     */
    readonly isRendering?: boolean;
  } = {},
): DuplicateKind[] {
  const byId = new Map(sections.map((section) => [section.id, section]));
  const outline = reading.outline ?? readOutline(text);
  const headings = outline.headings;
  const container = sectionContaining(sections);
  const written = new HeadingIndex(
    headings,
    reading.isRendering === true
      ? (index) => container(headings[index]?.start ?? 0) === undefined
      : undefined,
  );
  const ends = sections.map((section) => section.end.next).sort((a, b) => a - b);
  const ownHeading = new Map<string, OutlineHeading>();
  for (const key of keys.keys) {
    const section = byId.get(key.id);
    if (section === undefined || key.kind !== 'heading') continue;
    const previousEnd = ends[firstReached(ends, (end) => end > section.begin.start) - 1] ?? 0;
    // A template heading before the section: the one of its kind nearest to it, whatever a
    // person wrote between.
    const first = firstReached(headings, (heading) => heading.start >= previousEnd);
    const after = firstReached(headings, (heading) => heading.next > section.begin.start);
    let own: OutlineHeading | undefined;
    if (key.inside) {
      const inside =
        headings[firstReached(headings, (heading) => heading.start >= section.begin.next)];
      own = inside !== undefined && within(section, inside.start) ? inside : undefined;
    } else {
      for (let index = after - 1; index >= first && own === undefined; index -= 1)
        if (written.strength(key, index) !== undefined) own = headings[index];
      own ??= after > first ? headings[after - 1] : undefined;
    }
    if (own !== undefined) ownHeading.set(key.id, own);
  }
  const owned = new Set(ownHeading.values());
  const lineOf = (section: Section, id: string): number => ownHeading.get(id)?.line ?? section.line;
  // Read only when a candidate heading is inside a section: never for a file just created.
  let renderedIndex: { headings: { id: string }[]; index: HeadingIndex } | undefined;
  const renderedIndexed = () => {
    if (renderedIndex !== undefined) return renderedIndex;
    const renderedHeadings = [...keys.headingsIn].flatMap(([id, inSection]) =>
      inSection.map((heading) => ({ id, heading })),
    );
    renderedIndex = {
      headings: renderedHeadings,
      index: new HeadingIndex(renderedHeadings.map(({ heading }) => heading)),
    };
    return renderedIndex;
  };

  const found: DuplicateKind[] = [];
  for (const key of keys.keys) {
    const section = byId.get(key.id);
    if (section === undefined) continue;
    if (key.kind === 'footer') {
      for (const footer of outline.footers) {
        if (within(section, footer.start)) continue;
        found.push({
          offset: footer.start,
          severity: 'error',
          message: `Found a second footer: trackgen generates the footer at line ${section.line + 1} (section \`${key.id}\`); keep one, deleting these lines or that section with its markers`,
        });
      }
      continue;
    }
    // The rendering itself may have such a heading inside another section: that one is no second.
    let renderedIn: Set<string | undefined> | undefined;
    for (const index of written.matching(key)) {
      const heading = headings[index];
      if (heading === undefined) continue;
      if (owned.has(heading) || within(section, heading.start)) continue;
      // Outside every section, no rendered heading excuses it (section ids are never empty).
      const inSection = container(heading.start);
      if (inSection !== undefined) {
        if (renderedIn === undefined) {
          const rendered = renderedIndexed();
          renderedIn = new Set(
            rendered.index
              .matching(key)
              .map((renderedAt) => rendered.headings[renderedAt]?.id)
              .filter((id) => id !== key.id),
          );
        }
        if (renderedIn.has(inSection)) continue;
      }
      const strength = written.strength(key, index);
      if (strength === undefined) continue;
      const generated = `${'#'.repeat(key.level)} ${key.text}`;
      found.push({
        offset: heading.start + heading.column - 1,
        severity: strength === 'label' ? 'warning' : 'error',
        message: `${strength === 'label' ? 'This may be' : 'Found'} a second \`${generated}\` section: trackgen generates it at line ${lineOf(section, key.id)} (section \`${key.id}\`); merge \`${heading.source}\` into it, or rename this heading`,
      });
    }
  }
  // One finding per place: a heading may look like several sections (two modules' coverage).
  const byOffset = new Map<number, DuplicateKind>();
  for (const duplicate of found) {
    const seen = byOffset.get(duplicate.offset);
    if (seen === undefined || (seen.severity === 'warning' && duplicate.severity === 'error'))
      byOffset.set(duplicate.offset, duplicate);
  }
  return [...byOffset.values()].sort((a, b) => a.offset - b.offset);
}
