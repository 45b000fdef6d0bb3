import { containsAllWords, headingWordsOf } from './heading-words.js';
import type { HeadingWords } from './section-keys.js';

/**
 * How closely a hand-written heading matches a rendered one, strongest first. A heading matches
 * only at the rendered heading's level, when its words include every significant word of the
 * rendered heading, or of one of the section's aliases, or of the rendered heading's label (the
 * words before its separator: "Coverage" in "Coverage: budget_manager.py").
 */
export type MatchStrength = 'words' | 'alias' | 'label';

export const MATCH_STRENGTHS: readonly MatchStrength[] = ['words', 'alias', 'label'];

export function matchStrength(
  rendered: HeadingWords,
  written: { readonly level: number; readonly text: string },
  options: { readonly anyLevel?: boolean } = {},
): MatchStrength | undefined {
  if (options.anyLevel !== true && written.level !== rendered.level) return undefined;
  const words = headingWordsOf(written.text);
  if (containsAllWords(words, rendered.words)) return 'words';
  if (rendered.aliases.some((alias) => containsAllWords(words, alias))) return 'alias';
  if (containsAllWords(words, rendered.label)) return 'label';
  return undefined;
}

export function matches(
  rendered: HeadingWords,
  written: { readonly level: number; readonly text: string },
): boolean {
  return matchStrength(rendered, written) !== undefined;
}
