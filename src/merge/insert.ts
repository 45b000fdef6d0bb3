import { toEol, type Section } from './document.js';
import type { Edit } from './edits.js';
import { sectionText, type Fresh } from './fresh.js';

export interface Placement {
  readonly edits: readonly Edit[];
  readonly inserted: readonly string[];
  readonly released: readonly string[];
  /** New sections were appended at the very end of the text. */
  readonly appendedAtEnd: boolean;
}

/**
 * Places the rendering's sections that the file lacks. A section listed in the manifest but
 * absent was released by a person (markers deleted) and is not added back. A new one goes after
 * the nearest preceding section the file has, with the template text between them; new sections
 * before every existing one go before the template text leading to the first existing one.
 */
export function placeNewSections(
  text: string,
  eol: '\n' | '\r\n',
  fresh: Fresh,
  existingById: ReadonlyMap<string, Section>,
  released: ReadonlySet<string>,
  manifest: Section['begin'] | undefined,
): Placement {
  const edits: Edit[] = [];
  const inserted: string[] = [];
  const releasedHere: string[] = [];
  const slice = (start: number, end: number): string => toEol(fresh.text.slice(start, end), eol);
  const nextStart = (index: number): number =>
    fresh.sections[index + 1]?.begin.start ?? fresh.text.length;
  const freshSection = (index: number): Section => {
    const section = fresh.sections[index];
    if (section === undefined) throw new Error(`no rendered section at index ${index}`);
    return section;
  };
  let anchor: Section | undefined;
  let leading: number[] = [];

  fresh.sections.forEach((section, index) => {
    const present = existingById.get(section.id);
    if (present !== undefined) {
      if (leading.length > 0) {
        const last = freshSection(leading[leading.length - 1] ?? 0);
        const block = leading
          .map((waiting) =>
            slice(
              freshSection(waiting).begin.start,
              waiting === leading[leading.length - 1] ? last.end.end : nextStart(waiting),
            ),
          )
          .join('');
        const gap = fresh.text.slice(last.end.end, section.begin.start);
        const lead = /^\n*/.exec(gap)?.[0] ?? '';
        const suffix = toEol(gap.slice(lead.length), eol);
        const fits = suffix !== '' && text.slice(0, present.begin.start).endsWith(suffix);
        const at = fits ? present.begin.start - suffix.length : present.begin.start;
        edits.push({ start: at, end: at, text: block + toEol(fits ? lead : gap, eol) });
        leading = [];
      }
      anchor = present;
      return;
    }
    if (released.has(section.id)) {
      releasedHere.push(section.id);
      return;
    }
    inserted.push(section.id);
    if (anchor === undefined) leading.push(index);
    else
      edits.push({
        start: anchor.end.end,
        end: anchor.end.end,
        text: slice(freshSection(index - 1).end.end, section.end.end),
      });
  });

  // No section of the file to anchor to: before the manifest, or at the end.
  if (leading.length > 0) {
    const block = leading.map((index) => sectionText(fresh, freshSection(index))).join('\n\n');
    if (manifest !== undefined) {
      edits.push({ start: manifest.start, end: manifest.start, text: toEol(`${block}\n\n`, eol) });
    } else {
      const separator = text === '' ? '' : text.endsWith('\n') ? eol : eol + eol;
      edits.push({
        start: text.length,
        end: text.length,
        text: separator + toEol(`${block}\n`, eol),
      });
    }
  }
  return {
    edits,
    inserted,
    released: releasedHere,
    appendedAtEnd: leading.length > 0 && manifest === undefined,
  };
}
