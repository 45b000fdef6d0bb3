import { LineIndex } from '../text/position.js';
import { parseMarkdown } from './parse.js';
import { scanMarkers, type MarkerLine, type ScanResult } from './scan.js';
import { isTopLevel, verifyInRegion, verifyMarkers, type Verification } from './verify.js';

/**
 * verifyMarkers without parsing the whole file: remark with GFM grows faster than linearly
 * (12 s for a 1 MB lessons file), and one marker-like edit must not cost that.
 *
 * Why a region parse is right: a top-level marker line is an HTML comment that ends on its own
 * line, so after it the parser is at the root with no block open, exactly as at the start of a
 * file. From such a line on, the file parses as if it began there, and whether a later marker line
 * is top-level is settled by the lines up to it. So the scanner is trusted from a known top-level
 * point up to its first doubt; the region from the last trusted marker before the doubt to a
 * later marker that the region's own parse sees at top level is parsed, and that marker is the
 * next known point. A region that finds none grows (doubling) up to the end of the file.
 *
 * Link reference and footnote definitions change inline parsing wherever they are; a file with
 * one is parsed whole.
 */
const DEFINITION = /^ {0,3}\[[^\]\n]*\]:/m;

export async function verifyMarkersByRegion(
  text: string,
  scan: ScanResult,
): Promise<Verification & { readonly parsedBytes: number }> {
  if (DEFINITION.test(text))
    return { ...(await verifyMarkers(text, scan)), parsedBytes: text.length };
  const lines = new LineIndex(text);
  const real = new Set<number>();
  const problems: Verification['problems'][number][] = [];
  let parsedBytes = 0;
  let known = 0;
  let line = 1;
  while (known < text.length) {
    const part = scanMarkers(text, { from: known, line, untilDoubt: true });
    const doubt = part.firstDoubt;
    if (doubt === undefined) {
      for (const marker of part.markers) real.add(marker.start);
      break;
    }
    let start = known;
    for (const marker of part.markers) {
      if (marker.start >= doubt) break;
      real.add(marker.start);
      start = marker.next;
    }
    const later = markersFrom(scan.markers, doubt);
    let end = later[0]?.next ?? text.length;
    for (;;) {
      const region = { root: await parseMarkdown(text.slice(start, end)), base: start };
      parsedBytes += end - start;
      const inside = later.filter((marker) => marker.next <= end);
      const anchor = inside.findLast((marker) => isTopLevel(region, marker));
      if (anchor !== undefined || end === text.length) {
        const until = anchor?.next ?? text.length;
        const checked = verifyInRegion(
          region,
          text,
          lines,
          inside.filter((marker) => marker.start < until),
          scan.strays.filter((offset) => offset >= start && offset < until),
        );
        for (const offset of checked.real) real.add(offset);
        problems.push(...checked.problems);
        known = until;
        line = anchor === undefined ? line : anchor.line + 1;
        break;
      }
      end = grown(later, start, end, text.length);
    }
  }
  return { real, problems, parsedBytes };
}

/** The markers starting at or after `offset` (markers are in text order). */
function markersFrom(markers: readonly MarkerLine[], offset: number): readonly MarkerLine[] {
  let low = 0;
  let high = markers.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((markers[middle]?.start ?? 0) < offset) low = middle + 1;
    else high = middle;
  }
  return markers.slice(low);
}

/** A region about twice as long, ending after a marker line (or at the end of the text). */
function grown(later: readonly MarkerLine[], start: number, end: number, length: number): number {
  const wanted = start + 2 * (end - start);
  return later.find((marker) => marker.next >= wanted)?.next ?? length;
}
