import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeDocument, wrapSection, type MergeResult } from '../../src/merge/index.js';

/**
 * Invariants of the merge, over random documents, random data changes and random hand edits:
 * (a) a second run changes no byte; (b) hand-written text outside sections survives byte for
 * byte, in order; (c) an edit inside a generated section is kept and reported, or the file is
 * refused with an error, never silently replaced.
 */
// PROPERTY_RUNS=5000 for a deeper search; the default keeps `npm test` quick.
fc.configureGlobal({ numRuns: Number(process.env['PROPERTY_RUNS'] ?? 200) });

const IDS = ['intro', 'status', 'modules', 'risks', 'next-steps', 'log'] as const;

// Generated lines: markdown of all kinds, but nothing that opens a block which could swallow a
// marker (trackgen's own renderings never do that).
const safeLine = fc
  .oneof(
    fc.constantFrom(
      '| Module | Covered |',
      '|---|--:|',
      '- item',
      '* star',
      '+ plus',
      '**bold** and __strong__',
      '`code`',
      '> quote',
      '1. one',
      'two trailing  ',
      '',
      '    indented code',
      '---',
      'Title\n===',
    ),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  )
  .filter(
    (line) =>
      !/^ {0,3}(```|~~~|<)/m.test(line) && !line.includes('trackgen:') && !line.includes('\r'),
  );

const body = fc
  .array(safeLine, { maxLength: 6 })
  .map((lines) => (lines.length === 0 ? '' : `${lines.join('\n')}\n`));

interface Rendering {
  readonly ids: readonly string[];
  readonly text: string;
}

function render(sections: readonly (readonly [string, string])[]): Rendering {
  const parts = sections.map(([id, content]) => `## ${id}\n\n${wrapSection(id, content)}\n\n`);
  return { ids: sections.map(([id]) => id), text: `# Campaign\n\n${parts.join('')}` };
}

const sectionsOf = (ids: fc.Arbitrary<string[]>) =>
  ids.chain((chosen) =>
    fc.tuple(...chosen.map((id) => body.map((content) => [id, content] as const))),
  );

const someIds = fc.subarray([...IDS], { minLength: 1 });
const rendering = sectionsOf(someIds).map(render);
/** Two renderings of the same sections with (maybe) different data. */
const renderingPair = someIds
  .chain((ids) => fc.tuple(sectionsOf(fc.constant(ids)), sectionsOf(fc.constant(ids))))
  .map(([a, b]) => [render(a), render(b)] as const);

const handLine = fc
  .oneof(
    fc.constantFrom(
      'Hand-written *note*  ',
      '* my bullet',
      '1) my list',
      '| a  |  b |\n| -- | -- |\n| 1  |  2 |',
      '```js\nconst x = `<!-- not a marker -->`;\n```',
      '<details>\n\nhidden\n\n</details>\n',
      '<!-- my own comment -->',
      'Ünïcödé 🎉 text',
      '\t\ttabbed',
      'trailing   ',
      '',
      '---',
      'Setext\n---',
    ),
    fc
      .string({ unit: 'grapheme', maxLength: 40 })
      .filter((line) => !line.includes('\n') && !line.includes('\r')),
  )
  .filter(
    (line) =>
      !/^ {0,3}(```|~~~|<)/.test(line.split('\n')[0] ?? '') ||
      line.startsWith('```js') ||
      line.startsWith('<details>') ||
      line.startsWith('<!-- my'),
  )
  .filter((line) => !line.includes('trackgen:'));

/** A hand-written block: lines with a blank line after, in LF or CRLF. */
const handBlock = fc
  .tuple(fc.array(handLine, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([lines, crlf]) => {
    const text = `${lines.join('\n')}\n\n`;
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

const SECTION = /^<!-- trackgen:begin (\S+)[^\n]*\n[\s\S]*?^<!-- trackgen:end \1 -->/gm;
const MANIFEST = /^<!-- trackgen:manifest[^\n]*-->/m;

/** The text outside sections and the manifest: the part that belongs to people. */
function outside(text: string): string[] {
  return text
    .replace(MANIFEST, '\u0000')
    .split(SECTION)
    .filter((_, index) => index % 2 === 0);
}

/** Line starts in `text` that are outside every section (including the end of the text). */
function outsideLineStarts(text: string): number[] {
  const spans = [...text.matchAll(SECTION)].map(
    (match) => [match.index, match.index + match[0].length] as const,
  );
  const starts = [text.startsWith('\uFEFF') ? 1 : 0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1))
    starts.push(index + 1);
  return starts.filter((start) => !spans.some(([from, to]) => start > from && start <= to));
}

function toFile(text: string, crlf: boolean, bom: boolean): string {
  return (bom ? '\uFEFF' : '') + (crlf ? text.replace(/\n/g, '\r\n') : text);
}

function sectionBody(text: string, id: string): string | undefined {
  const match = new RegExp(
    `^<!-- trackgen:begin ${id}\\b[^\\n]*\\n([\\s\\S]*?)^<!-- trackgen:end ${id} -->`,
    'm',
  ).exec(text);
  return match?.[1];
}

async function create(fresh: Rendering): Promise<string> {
  const created = await mergeDocument({ path: 'doc.md', existing: undefined, fresh: fresh.text });
  if (created.content === null) throw new Error('creating a file must always succeed');
  return created.content;
}

function insertAt(text: string, positions: readonly number[], blocks: readonly string[]): string {
  const sorted = positions
    .map((position, index) => ({ position, block: blocks[index] ?? '' }))
    .sort((a, b) => a.position - b.position);
  let result = '';
  let cursor = 0;
  for (const { position, block } of sorted) {
    result += text.slice(cursor, position) + block;
    cursor = position;
  }
  return result + text.slice(cursor);
}

describe('merge invariants', () => {
  it('(a) merging the same rendering again changes no byte', async () => {
    await fc.assert(
      fc.asyncProperty(
        renderingPair,
        rendering,
        fc.record({
          crlf: fc.boolean(),
          bom: fc.boolean(),
          blocks: fc.array(handBlock, { maxLength: 3 }),
          picks: fc.array(fc.nat(), { maxLength: 3 }),
          force: fc.constantFrom(undefined, 'all' as const),
        }),
        async ([first, second], other, { crlf, bom, blocks, picks, force }) => {
          let existing = toFile(await create(first), crlf, bom);
          const starts = outsideLineStarts(existing);
          existing = insertAt(
            existing,
            picks.map((pick) => starts[pick % starts.length] ?? 0),
            blocks,
          );
          for (const fresh of [second, other]) {
            const once = await mergeDocument({
              path: 'doc.md',
              existing,
              fresh: fresh.text,
              ...(force ? { force } : {}),
            });
            expect(once.content).not.toBeNull();
            const twice = await mergeDocument({
              path: 'doc.md',
              existing: once.content!,
              fresh: fresh.text,
              ...(force ? { force } : {}),
            });
            expect(twice.content).toBe(once.content);
            expect(twice.changed).toBe(false);
          }
        },
      ),
    );
  });

  it('(a) a file just created merges again unchanged, finding what its creation found', async () => {
    // The run cache records a created file's outcome without merging it again: this is why.
    const summary = (merged: MergeResult) => ({
      content: merged.content,
      diagnostics: merged.diagnostics,
      conflicts: merged.conflicts,
      handEdited: merged.handEdited,
    });
    const check = async (text: string) => {
      const created = await mergeDocument({ path: 'doc.md', existing: undefined, fresh: text });
      const again = await mergeDocument({
        path: 'doc.md',
        existing: created.content ?? '',
        fresh: text,
      });
      expect(again.changed).toBe(false);
      expect(summary(again)).toEqual({ ...summary(created), handEdited: [], conflicts: [] });
      return created;
    };
    await fc.assert(
      fc.asyncProperty(rendering, fc.boolean(), async (fresh, stray) => {
        // A template may write a generated heading a second time, outside any section.
        await check(stray ? `${fresh.text}## ${fresh.ids[0] ?? 'intro'}\n\nstray\n` : fresh.text);
      }),
    );
    const duplicated = await check(
      `${wrapSection('module-progress', '## Module Progress\n\n- `a.py`: 100%\n')}\n\n## Module Progress - Tier 2\n\n- b.py\n`,
    );
    expect(duplicated.diagnostics.map((diagnostic) => diagnostic.rule)).toContain('duplicate-kind');
  });

  it('(b) hand-written text outside sections survives byte for byte, whatever the data', async () => {
    await fc.assert(
      fc.asyncProperty(
        renderingPair,
        fc.boolean(),
        fc.boolean(),
        fc.array(handBlock, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
        async ([first, second], crlf, bom, blocks, picks) => {
          const generated = toFile(await create(first), crlf, bom);
          const starts = outsideLineStarts(generated);
          const existing = insertAt(
            generated,
            blocks.map((_, index) => starts[(picks[index] ?? 0) % starts.length] ?? 0),
            blocks,
          );
          const merged = await mergeDocument({ path: 'doc.md', existing, fresh: second.text });
          expect(merged.content).not.toBeNull();
          const content = merged.content!;
          // Same sections, so the person's part is exactly the same text.
          expect(outside(content)).toEqual(outside(existing));
          expect(content.startsWith('\uFEFF')).toBe(bom);
          // Every generated section is now the new rendering, in the file's line endings.
          for (const id of second.ids) {
            const expected = sectionBody(second.text, id) ?? '';
            expect(sectionBody(content, id)).toBe(
              crlf ? expected.replace(/\n/g, '\r\n') : expected,
            );
          }
          expect(merged.diagnostics).toEqual([]);
        },
      ),
    );
  });

  it('(b) hand-written text survives in order when sections come and go', async () => {
    await fc.assert(
      fc.asyncProperty(
        rendering,
        rendering,
        fc.array(handBlock, { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
        async (first, second, blocks, picks) => {
          const generated = await create(first);
          const starts = outsideLineStarts(generated);
          const marked = blocks.map((block, index) => `tag \u2063${index}\u2063\n\n${block}`);
          const existing = insertAt(
            generated,
            marked.map((_, index) => starts[(picks[index] ?? 0) % starts.length] ?? 0),
            marked,
          );
          const merged = await mergeDocument({ path: 'doc.md', existing, fresh: second.text });
          expect(merged.content).not.toBeNull();
          const inOrder = [...marked].sort((a, b) => existing.indexOf(a) - existing.indexOf(b));
          let cursor = 0;
          for (const block of inOrder) {
            const found = merged.content!.indexOf(block, cursor);
            expect(found).toBeGreaterThanOrEqual(cursor);
            cursor = found + block.length;
          }
        },
      ),
    );
  });

  it('(c) an edit inside a generated section is kept and reported, or the file is refused', async () => {
    const edit = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
      fc.constantFrom(
        '```\n',
        '<div>\n',
        '<!-- trackgen:end intro -->\n',
        'one more line\n',
        '  \n',
        '\r\n',
        '~~~\n',
      ),
    );
    let kept = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        renderingPair,
        rendering,
        fc.record({
          crlf: fc.boolean(),
          useOther: fc.boolean(),
          pick: fc.nat(),
          offset: fc.nat(),
          edit,
        }),
        async ([first, sameIds], other, { crlf, useOther, pick, offset, edit }) => {
          const generated = toFile(await create(first), crlf, false);
          const id = first.ids[pick % first.ids.length]!;
          const original = sectionBody(generated, id)!;
          const bodyStart =
            generated.indexOf('\n', generated.indexOf(`<!-- trackgen:begin ${id} `)) + 1;
          const at = bodyStart + (offset % (original.length + 1));
          const existing = generated.slice(0, at) + edit + generated.slice(at);
          const editedBody =
            original.slice(0, at - bodyStart) + edit + original.slice(at - bodyStart);
          const fresh = useOther ? other : sameIds;
          const merged: MergeResult = await mergeDocument({
            path: 'doc.md',
            existing,
            fresh: fresh.text,
          });
          if (merged.content === null) {
            refused += 1;
            expect(merged.diagnostics.some((diagnostic) => diagnostic.severity === 'error')).toBe(
              true,
            );
            return;
          }
          kept += 1;
          expect(sectionBody(merged.content, id)).toBe(editedBody);
          const reported = merged.diagnostics.filter((diagnostic) =>
            diagnostic.message.includes(`\`${id}\``),
          );
          expect(reported.map((diagnostic) => diagnostic.rule)).toEqual([
            expect.stringMatching(/^(hand-edit|conflict|orphaned-section)$/),
          ]);
        },
      ),
    );
    // Both outcomes were exercised, so neither branch passes vacuously.
    expect(kept).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(0);
  });
});
