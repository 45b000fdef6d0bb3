import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanMarkers } from '../../src/merge/scan.js';
import { verifyMarkers } from '../../src/merge/verify.js';

/**
 * The fast path trusts the line scanner instead of remark. This checks that trust against remark
 * itself: over documents built from the constructs that can hide a line (fences, HTML blocks of
 * every kind, lists, quotes, indented code, paragraphs), whenever the scanner says it needs no
 * parse, every marker it found is a top-level HTML node for remark, and there is no other.
 */
const MARKER = '<!-- trackgen:begin a hash=0123456789ab -->';
const tricky = fc.constantFrom(
  '```',
  '````',
  '~~~',
  '``` js',
  '  ```',
  '   ~~~',
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
  '<span>x</span>',
  '<3 love',
  '<!-- note',
  'note -->',
  '<!-- done -->',
  '<pre>',
  '</pre>',
  '<?php',
  '?>',
  '<!DOCTYPE html>',
  '<![CDATA[',
  ']]>',
  '<script>',
  '</script>',
  '    indented code',
  '\tcode',
  '',
  '',
  'text',
  'Setext',
  '---',
  '===',
  '| a | b |',
  '|---|---|',
  MARKER,
  MARKER,
  '<!-- trackgen:end a -->',
  `  ${MARKER}`,
  `x ${MARKER}`,
);

describe('marker scanner', () => {
  it('never vouches for a marker that remark would not see as a top-level line', async () => {
    let vouched = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(tricky, { minLength: 1, maxLength: 14 }),
        fc.boolean(),
        async (lines, crlf) => {
          const text = lines.join(crlf ? '\r\n' : '\n');
          const scan = scanMarkers(text);
          if (scan.needsParse) return;
          vouched += 1;
          const verification = await verifyMarkers(text, scan);
          expect(verification.problems).toEqual([]);
          expect(verification.real.size).toBe(scan.markers.length);
          // And no marker line was missed: remark's top-level marker comments are all scanned.
          const scanned = new Set(scan.markers.map((marker) => marker.start));
          let offset = 0;
          for (const line of text.split(crlf ? '\r\n' : '\n')) {
            if (line.startsWith('<!-- trackgen:')) expect(scanned.has(offset)).toBe(true);
            offset += line.length + (crlf ? 2 : 1);
          }
        },
      ),
      { numRuns: Number(process.env['PROPERTY_RUNS'] ?? 1000) },
    );
    // Not vacuous: plenty of documents took the fast path.
    expect(vouched).toBeGreaterThan(50);
  });

  it('does not vouch when a fence inside a list item could pair with a top-level one', async () => {
    const text = ['- item', '  ```', 'text', '```', MARKER, '```', ''].join('\n');
    const scan = scanMarkers(text);
    expect(scan.needsParse).toBe(true);
    // remark agrees that this marker is inside a code block.
    expect((await verifyMarkers(text, scan)).real.size).toBe(0);
  });

  it('vouches for ordinary documents: closed fences, HTML blocks ended by a blank line', () => {
    const text = [
      '# T',
      '',
      '```js',
      MARKER,
      '```',
      '',
      '<details>',
      '<summary>s</summary>',
      '',
      'x',
      '',
      '</details>',
      '',
      MARKER,
      '',
    ].join('\n');
    const scan = scanMarkers(text);
    expect(scan.needsParse).toBe(true);
    const clean = [
      '# T',
      '',
      '```js',
      'code',
      '```',
      '',
      '<details>',
      '<summary>s</summary>',
      '',
      'x',
      '',
      '</details>',
      '',
      MARKER,
      '',
    ].join('\n');
    expect(scanMarkers(clean).needsParse).toBe(false);
    expect(scanMarkers(clean).markers).toHaveLength(1);
  });
});
