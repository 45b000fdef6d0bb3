import type { MatchStrength } from './heading-match.js';
import { headingWordsOf } from './heading-words.js';
import type { HeadingWords } from './section-keys.js';

/**
 * Written headings with their words read once, and each word's headings: finding the headings
 * that match a rendered one looks only at those that have its rarest wanted word, so matching
 * every rendered heading against every written one is no longer sections × headings.
 */
export class HeadingIndex {
  private readonly headings: readonly { readonly level: number; readonly text: string }[];
  /** Each heading's words, read when first needed. */
  private readonly words: (ReadonlySet<string> | undefined)[] = [];
  private readonly withWord = new Map<string, number[]>();

  /**
   * `searched`: the indices `matching` may return (default all); `strength` answers for every
   * heading. Only the searched headings' words are read up front.
   */
  constructor(
    headings: readonly { readonly level: number; readonly text: string }[],
    searched?: (index: number) => boolean,
  ) {
    this.headings = headings;
    for (let index = 0; index < headings.length; index += 1) {
      if (searched !== undefined && !searched(index)) continue;
      for (const word of this.wordsAt(index) ?? []) {
        const list = this.withWord.get(word);
        if (list === undefined) this.withWord.set(word, [index]);
        else list.push(index);
      }
    }
  }

  private wordsAt(index: number): ReadonlySet<string> | undefined {
    const heading = this.headings[index];
    if (heading === undefined) return undefined;
    return (this.words[index] ??= new Set(headingWordsOf(heading.text)));
  }

  /** As `matchStrength(rendered, headings[index])`. */
  strength(rendered: HeadingWords, index: number): MatchStrength | undefined {
    if (this.headings[index]?.level !== rendered.level) return undefined;
    const words = this.wordsAt(index);
    if (words === undefined) return undefined;
    const hasAll = (wanted: readonly string[]): boolean =>
      wanted.length > 0 && wanted.every((word) => words.has(word));
    if (hasAll(rendered.words)) return 'words';
    if (rendered.aliases.some(hasAll)) return 'alias';
    if (hasAll(rendered.label)) return 'label';
    return undefined;
  }

  /** The indices, ascending, of the headings `rendered` matches (at its level). */
  matching(rendered: HeadingWords): number[] {
    const candidates = new Set<number>();
    for (const wanted of [rendered.words, ...rendered.aliases, rendered.label]) {
      let rarest: readonly number[] | undefined;
      for (const word of wanted) {
        const list = this.withWord.get(word) ?? [];
        if (rarest === undefined || list.length < rarest.length) rarest = list;
      }
      for (const index of rarest ?? []) candidates.add(index);
    }
    return [...candidates]
      .filter((index) => this.strength(rendered, index) !== undefined)
      .sort((a, b) => a - b);
  }
}
