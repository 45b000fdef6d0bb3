/**
 * Other words people use for a generated section's heading, by section id: the one place to add
 * them. A hand-written heading matches when it contains every word of one alias (the same rule
 * as for the rendered heading itself, see heading-match.ts). Keep entries few and specific: a
 * loose alias makes adoption take over a section the person meant as their own.
 */
export const HEADING_ALIASES: Readonly<Record<string, readonly string[]>> = {
  // Tracker: the title words a tracker keeps whatever its phase is called.
  header: ['Progress Tracker'],
  'next-session': ['Next Session'],
  // Session summary: how the campaign's own summaries titled these sections.
  challenges: ['Technical Challenges'],
  learnings: ['Lessons Learned'],
  achievement: ['Key Achievement'],
};
