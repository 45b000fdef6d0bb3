import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstContentLine, lastContentLine } from '../../src/merge/content-lines.js';
import { readStructure } from '../../src/merge/document.js';
import { findDuplicateKinds, renderingMayRepeatKinds } from '../../src/merge/duplicates.js';
import { wrapSection } from '../../src/merge/index.js';
import { atxHeading, isThematicBreak, readOutline } from '../../src/merge/outline.js';
import { renderingKeys } from '../../src/merge/section-keys.js';

/**
 * The shortcuts a created file takes (one outline, duplicates searched outside sections only) and
 * the line walks that replaced splitting, each held to the computation it replaced.
 */
fc.configureGlobal({ numRuns: Number(process.env['PROPERTY_RUNS'] ?? 200) });

const LINES = [
  '',
  '   ',
  '\t',
  '\u00a0',
  '# Title',
  '## Module Progress',
  '## Module Progress - Tier 2',
  '### Coverage: a.py',
  '  ## indented #',
  '####### seven',
  'Setext',
  '===',
  '---',
  '  - - -',
  '***',
  '- item',
  '* star',
  '> quote',
  '| a | b |',
  '    code',
  '```',
  '~~~~',
  '<!-- comment',
  'still comment -->',
  '<!-- one line -->',
  '**Last Updated**: today',
  '_emphasis_ closing',
  'plain text',
  'text\r',
  '\r',
  '1. one',
  '  > quoted',
  '   <!-- spaced -->',
  '\tcode',
  '  \ttext',
  ' \u00a0',
  '\u3000# wide',
  '+ plus',
  '_ _ _',
  '(aside)',
];

const line = fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 12 }));
const markdown = fc
  .tuple(fc.array(line, { maxLength: 30 }), fc.boolean())
  .map(([lines, crlf]) => lines.join(crlf ? '\r\n' : '\n'));

describe('line walks', () => {
  it('find the first and last non-blank lines as splitting the span did', () => {
    fc.assert(
      fc.property(markdown, fc.nat(), fc.nat(), (text, a, b) => {
        const from = Math.min(a, b) % (text.length + 1);
        const to = from + ((Math.max(a, b) - Math.min(a, b)) % (text.length - from + 1));
        const lines = text.slice(from, to).split('\n');
        const content = lines.filter((each) => each.trim() !== '');
        expect(firstContentLine(text, from, to)).toBe(content[0]);
        expect(lastContentLine(text, from, to)).toBe(content[content.length - 1]);
      }),
    );
  });
});

/** readOutline as it was before lines were sliced without a regular expression. */
function referenceOutline(text: string) {
  const lines: { start: number; next: number; text: string; number: number; kind: string }[] = [];
  const skip = /^---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(text)?.[0].length ?? 0;
  let number = text.slice(0, skip).split('\n').length;
  for (let start = skip; start < text.length; number += 1) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline + 1;
    const content = text.slice(start, newline === -1 ? text.length : newline).replace(/\r$/, '');
    lines.push({ start, next, text: content, number, kind: 'paragraph' });
    start = next;
  }
  const FENCE = /^ {0,3}(`{3,}|~{3,})/;
  let fence: string | undefined;
  let inComment = false;
  for (const each of lines) {
    const content = each.text;
    if (fence !== undefined) {
      each.kind = 'code';
      const close = FENCE.exec(content);
      if (close?.[1] !== undefined && close[1][0] === fence[0] && close[1].length >= fence.length)
        if (content.trim() === close[1]) fence = undefined;
    } else if (inComment) {
      each.kind = 'comment';
      if (content.includes('-->')) inComment = false;
    } else if (content.trim() === '') each.kind = 'blank';
    else if (/^ {0,3}<!--/.test(content)) {
      each.kind = 'comment';
      inComment = !content.slice(content.indexOf('<!--') + 4).includes('-->');
    } else if (FENCE.test(content)) {
      each.kind = 'code';
      fence = FENCE.exec(content)?.[1];
    } else if (atxHeading(content) !== undefined) each.kind = 'heading';
    else if (isThematicBreak(content)) each.kind = 'break';
    else if (/^(?: {4}|\t| {0,3}(?:[-+*][ \t]|\d{1,9}[.)][ \t]|>|\||<))/.test(content))
      each.kind = 'block';
  }
  const headings: { level: number; text: string; start: number; next: number; line: number }[] = [];
  const breaks: number[] = [];
  lines.forEach((each, index) => {
    const before = lines[index - 1];
    if (each.kind === 'heading') {
      const atx = atxHeading(each.text);
      headings.push({
        level: atx?.level ?? 1,
        text: (atx?.text ?? '').trim(),
        start: each.start,
        next: each.next,
        line: each.number,
      });
      return;
    }
    const underline = /^ {0,3}(=+|-+)[ \t]*$/.exec(each.text);
    const opensParagraph =
      before?.kind === 'paragraph' && (index < 2 || lines[index - 2]?.kind !== 'paragraph');
    if (underline?.[1] !== undefined && before !== undefined && opensParagraph) {
      headings.push({
        level: underline[1].startsWith('=') ? 1 : 2,
        text: before.text.trim(),
        start: before.start,
        next: each.next,
        line: before.number,
      });
      before.kind = 'heading';
      each.kind = 'heading';
      return;
    }
    if (each.kind === 'break') breaks.push(each.start);
  });
  const footers: { breakStart: number; start: number; line: number }[] = [];
  let closingOnly = true;
  let firstContent: (typeof lines)[number] | undefined;
  for (let index = lines.length - 1; index >= 0 && closingOnly; index -= 1) {
    const each = lines[index];
    if (each === undefined) break;
    if (each.kind === 'break') {
      if (firstContent !== undefined && /^ {0,3}(?:\*\*?|__?)[^\s*_]/.test(firstContent.text))
        footers.unshift({
          breakStart: each.start,
          start: firstContent.start,
          line: firstContent.number,
        });
      firstContent = undefined;
    } else if (each.kind === 'paragraph') firstContent = each;
    else if (each.kind !== 'blank' && each.kind !== 'comment') closingOnly = false;
  }
  return { headings, breaks, footers };
}

describe('outline', () => {
  it('reads the headings, breaks and footers the line-by-line regular expressions read', () => {
    let withHeadings = 0;
    let withFooters = 0;
    fc.assert(
      fc.property(markdown, fc.boolean(), fc.boolean(), (text, frontMatter, footer) => {
        // A footer is rare among random lines: one is often appended (and may be spoilt).
        const body = footer ? `${text}\n---\n\n**Last Updated**: today\n` : text;
        const input = frontMatter ? `---\ntitle: x\n---\n${body}` : body;
        const outline = readOutline(input);
        const reference = referenceOutline(input);
        expect(
          outline.headings.map(({ level, text: words, start, next, line: at }) => ({
            level,
            text: words,
            start,
            next,
            line: at,
          })),
        ).toEqual(reference.headings);
        expect(outline.breaks).toEqual(reference.breaks);
        expect(outline.footers).toEqual(reference.footers);
        if (reference.footers.length > 0) withFooters += 1;
        if (reference.headings.some((heading) => heading.next > heading.start + 1))
          withHeadings += 1;
      }),
    );
    expect(withHeadings).toBeGreaterThan(0);
    expect(withFooters).toBeGreaterThan(0);
  });
});

const IDS = ['title', 'module-progress', 'coverage-a', 'footer'] as const;
const bodyLine = fc.constantFrom(
  '## Module Progress',
  '### Coverage: a.py',
  '# Title',
  'text',
  '',
  '---',
  '**Last Updated**: today',
  '- item',
);
const rendering = fc
  .array(
    fc.tuple(
      fc.constantFrom(...IDS),
      fc.array(bodyLine, { maxLength: 5 }),
      fc.array(bodyLine, { maxLength: 3 }),
    ),
    { maxLength: 5 },
  )
  .map((parts) => {
    const seen = new Set<string>();
    return parts
      .filter(([id]) => !seen.has(id) && Boolean(seen.add(id)))
      .map(
        ([id, inside, before]) =>
          `${before.join('\n')}\n\n${wrapSection(id, `${inside.join('\n')}\n`)}\n\n`,
      )
      .join('');
  });

describe('duplicate kinds in a file just created', () => {
  it('are those a search of every heading finds, with the outline read once', async () => {
    let withFindings = 0;
    let skipped = 0;
    await fc.assert(
      fc.asyncProperty(rendering, async (text) => {
        const { sections } = await readStructure(text, true);
        const created = `${text}\n<!-- trackgen:manifest ${sections.map((s) => s.id).join(' ')} -->\n`;
        const outline = readOutline(created);
        const fast = findDuplicateKinds(
          created,
          sections,
          renderingKeys(created, sections, outline),
          { outline, isRendering: true },
        );
        const full = findDuplicateKinds(created, sections, renderingKeys(text, sections));
        expect(fast).toEqual(full);
        if (full.length > 0) withFindings += 1;
        // Without a heading outside every section nor a footer, the keys need not be read.
        if (!renderingMayRepeatKinds(outline, sections)) {
          expect(full).toEqual([]);
          skipped += 1;
        }
      }),
    );
    // The renderings are varied enough to have seconds of a kind (else this shows nothing).
    expect(withFindings).toBeGreaterThan(0);
    expect(skipped).toBeGreaterThan(0);
  });
});
