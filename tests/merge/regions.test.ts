import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyMarkersByRegion } from '../../src/merge/regions.js';
import { scanMarkers } from '../../src/merge/scan.js';
import { verifyMarkers } from '../../src/merge/verify.js';

/**
 * A file the scanner has doubts about is parsed only around the doubts (src/merge/regions.ts).
 * Over documents mixing ordinary generated sections with the constructs that can hide a line
 * (fences, HTML blocks, lists, quotes, indented code, marker-like comments, definitions), the
 * region parse must find exactly what a parse of the whole file finds: the same real markers and
 * the same problems, message for message.
 */
const begin = (id: string) => `<!-- trackgen:begin ${id} hash=0123456789ab -->`;
const end = (id: string) => `<!-- trackgen:end ${id} -->`;
const tricky = fc.constantFrom(
  '```',
  '~~~',
  '  ```',
  '    ```',
  '- item',
  '1. item',
  '  - nested',
  '> quote',
  '> ```',
  '<div>',
  '</div>',
  '  <div>',
  '<details>',
  '<3 love',
  '<!-- note',
  '  <!-- note',
  'note -->',
  '<!-- done -->',
  '<pre>',
  '</pre>',
  '<script>',
  '</script>',
  '    indented code',
  '\tcode',
  '',
  '',
  'text',
  '---',
  '| a | b |',
  '|---|---|',
  '[a]: /url',
  '[a] and [^1]',
  'Markers look like `<!-- trackgen:begin id -->`.',
  `x ${begin('s')}`,
  `  ${begin('s')}`,
  begin('t'),
  end('t'),
);
const section = fc
  .tuple(fc.constantFrom('a', 'b', 'c'), fc.array(fc.constantFrom('text', '', '- item', '| a |')))
  .map(([id, body]) => [`## ${id}`, '', begin(id), ...body, end(id), ''].join('\n'));
const part = fc.oneof(
  { weight: 3, arbitrary: section },
  {
    weight: 2,
    arbitrary: fc.array(tricky, { minLength: 1, maxLength: 5 }).map((lines) => lines.join('\n')),
  },
);

describe('parsing only the doubtful regions of a file', () => {
  it('agrees with a parse of the whole file', async () => {
    let partial = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(part, { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        async (parts, crlf) => {
          const text = parts.join('\n').replace(/\n/g, crlf ? '\r\n' : '\n');
          const scan = scanMarkers(text);
          if (!scan.needsParse) return;
          const whole = await verifyMarkers(text, scan);
          const byRegion = await verifyMarkersByRegion(text, scan);
          expect([...byRegion.real].sort((a, b) => a - b)).toEqual(
            [...whole.real].sort((a, b) => a - b),
          );
          const sorted = (problems: typeof whole.problems) =>
            [...problems].sort((a, b) => a.offset - b.offset);
          expect(sorted(byRegion.problems)).toEqual(sorted(whole.problems));
          if (byRegion.parsedBytes < text.length) partial += 1;
        },
      ),
      { numRuns: Number(process.env['PROPERTY_RUNS'] ?? 300) },
    );
    // Not vacuous: many documents were decided without parsing all of them.
    expect(partial).toBeGreaterThan(50);
  });

  it('parses a few lines around a marker-like note, not the whole file', async () => {
    const sections = Array.from({ length: 200 }, (_, index) =>
      [`## Lesson ${index}`, '', begin(`l${index}`), 'A lesson.', end(`l${index}`), ''].join('\n'),
    );
    sections.splice(100, 0, '  <!-- a note, indented -->\n');
    const text = sections.join('\n');
    const scan = scanMarkers(text);
    expect(scan.needsParse).toBe(true);
    const byRegion = await verifyMarkersByRegion(text, scan);
    expect(byRegion.real.size).toBe(400);
    expect(byRegion.problems).toEqual([]);
    expect(byRegion.parsedBytes).toBeLessThan(text.length / 20);
  });

  it('parses the whole file when it holds a link reference definition', async () => {
    const text = ['[a]: /url', '', '  <!-- note -->', '', begin('a'), end('a'), ''].join('\n');
    const byRegion = await verifyMarkersByRegion(text, scanMarkers(text));
    expect(byRegion.parsedBytes).toBe(text.length);
    expect(byRegion.real.size).toBe(2);
  });
});
