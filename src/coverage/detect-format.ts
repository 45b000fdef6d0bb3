/**
 * Recognises a report by its first bytes (never by its name): Cobertura XML and coverage.py
 * JSON are read; other coverage formats are named, so the message says what was passed.
 */
export type DetectedFormat =
  | { readonly kind: 'xml'; readonly bodyOffset: number }
  | { readonly kind: 'json'; readonly bodyOffset: number }
  | { readonly kind: 'utf16'; readonly bigEndian: boolean }
  | { readonly kind: 'rejected'; readonly message: string };

const EXPECTATION = 'trackgen reads Cobertura XML or coverage.py JSON';

export function detectFormat(head: Uint8Array): DetectedFormat {
  if (head[0] === 0xff && head[1] === 0xfe) return { kind: 'utf16', bigEndian: false };
  if (head[0] === 0xfe && head[1] === 0xff) return { kind: 'utf16', bigEndian: true };
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const text = Buffer.from(head.buffer, head.byteOffset + bom, head.length - bom).toString('utf8');
  const start = text.search(/\S/);
  if (start === -1) return { kind: 'rejected', message: `the file is empty; ${EXPECTATION}` };
  const rest = text.slice(start);
  if (rest.startsWith('<')) return { kind: 'xml', bodyOffset: bom };
  if (rest.startsWith('{') || rest.startsWith('[')) return { kind: 'json', bodyOffset: bom };
  if (/^(TN|SF|FN|DA|LF|LH):/m.test(rest.slice(0, 2000)) && /^(TN|SF):/.test(rest)) {
    return { kind: 'rejected', message: `this is an LCOV tracefile; ${EXPECTATION}` };
  }
  if (/^mode: (set|count|atomic)\b/.test(rest))
    return { kind: 'rejected', message: `this is a Go cover profile; ${EXPECTATION}` };
  if (head.includes(0))
    return {
      kind: 'rejected',
      message: `this is a binary file (a .coverage data file?); ${EXPECTATION}`,
    };
  const found = JSON.stringify(rest.slice(0, 30).replace(/\s+/g, ' '));
  return {
    kind: 'rejected',
    message: `expected XML or JSON, found text starting ${found}; ${EXPECTATION}`,
  };
}
