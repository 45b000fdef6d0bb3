import type { Diagnostic } from '../diagnostics.js';
import { LineIndex } from '../text/position.js';
import { hashBody, type BeginAttributes } from './markers.js';
import { scanMarkers, type MarkerLine } from './scan.js';
import { verifyMarkersByRegion } from './regions.js';

/** One generated section as found in a text; offsets index that text (BOM removed). */
export interface Section {
  readonly id: string;
  readonly attributes: BeginAttributes;
  readonly begin: MarkerLine;
  readonly end: MarkerLine;
  /** The text between the two marker lines. */
  readonly body: string;
  readonly bodyHash: string;
  /** 1-based line of the begin marker. */
  readonly line: number;
}

export interface Manifest {
  readonly ids: readonly string[];
  readonly marker: MarkerLine;
}

export interface Structure {
  readonly sections: readonly Section[];
  readonly manifest: Manifest | undefined;
  /** Marker-like lines at all, even broken ones: a file with none is unmarked. */
  readonly hasMarkers: boolean;
  readonly problems: readonly {
    readonly offset: number;
    readonly rule: Diagnostic['rule'];
    readonly message: string;
  }[];
  readonly fullParse: boolean;
}

export interface Decoded {
  readonly bom: string;
  readonly text: string;
  readonly eol: '\n' | '\r\n';
}

export function decode(content: string): Decoded {
  const bom = content.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = bom === '' ? content : content.slice(1);
  // The line ending most lines use; new text (inserted sections, the manifest) follows it.
  let lineFeeds = 0;
  let crlfs = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    lineFeeds += 1;
    if (index > 0 && text.charCodeAt(index - 1) === 13) crlfs += 1;
  }
  const eol = crlfs * 2 > lineFeeds ? '\r\n' : '\n';
  return { bom, text, eol };
}

export function toEol(lfText: string, eol: '\n' | '\r\n'): string {
  return eol === '\n' ? lfText : lfText.replace(/\r?\n/g, '\r\n');
}

/**
 * Finds the sections of a text. `trusted` texts (trackgen's own renderings) are never parsed;
 * others are parsed with remark only where the scanner has doubts (see regions.ts).
 */
export async function readStructure(text: string, trusted: boolean): Promise<Structure> {
  const scan = scanMarkers(text);
  const problems: { offset: number; rule: Diagnostic['rule']; message: string }[] = [];
  let markers = scan.markers;
  let fullParse = false;
  if (scan.needsParse && !trusted) {
    fullParse = true;
    let verification = await verifyMarkersByRegion(text, scan);
    if (verification.problems.length > 0) {
      // Generated text that breaks its own markers (data once rendered as `<!-- TODO` or
      // `<pre>`) is trackgen's to repair, not the person's to fix: read the file as if those
      // untouched bodies were blank, so the merge can replace them with the new rendering.
      const masked = maskUntouchedBodies(text, scan.markers);
      if (masked !== text) {
        const again = await verifyMarkersByRegion(masked, scanMarkers(masked));
        if (again.problems.length === 0) verification = again;
      }
    }
    markers = markers.filter((marker) => verification.real.has(marker.start));
    for (const problem of verification.problems)
      problems.push({ ...problem, rule: 'broken-marker' });
  }
  const lineOf = (marker: MarkerLine): number => marker.line;

  const sections: Section[] = [];
  const firstLine = new Map<string, number>();
  let manifest: Manifest | undefined;
  let open: { attributes: BeginAttributes; marker: MarkerLine; broken?: boolean } | undefined;
  for (const marker of markers) {
    const parsed = marker.marker;
    if (parsed.kind === 'invalid') {
      problems.push({ offset: marker.start, rule: 'broken-marker', message: parsed.message });
      // Pair what can be paired, so one bad word is one message, not a cascade.
      if (parsed.of === 'begin' && parsed.id !== undefined)
        open = { attributes: { id: parsed.id, hash: '', pinned: false }, marker, broken: true };
      else if (parsed.of === 'end' && parsed.id !== undefined && open?.attributes.id === parsed.id)
        open = undefined;
    } else if (parsed.kind === 'begin') {
      if (open !== undefined) {
        problems.push({
          offset: marker.start,
          rule: 'broken-marker',
          message: `Cannot begin section \`${parsed.attributes.id}\` inside section \`${open.attributes.id}\` (begun at line ${lineOf(open.marker)}): expected \`<!-- trackgen:end ${open.attributes.id} -->\` first`,
        });
      }
      open = { attributes: parsed.attributes, marker };
    } else if (parsed.kind === 'end') {
      if (open === undefined) {
        problems.push({
          offset: marker.start,
          rule: 'broken-marker',
          message: `Cannot end section \`${parsed.id}\`: no \`<!-- trackgen:begin ${parsed.id} … -->\` before it`,
        });
      } else if (open.attributes.id !== parsed.id) {
        problems.push({
          offset: marker.start,
          rule: 'broken-marker',
          message: `Cannot end section \`${parsed.id}\` here: the open section is \`${open.attributes.id}\` (begun at line ${lineOf(open.marker)}), expected \`<!-- trackgen:end ${open.attributes.id} -->\``,
        });
        open = undefined;
      } else if (open.broken === true) {
        open = undefined;
      } else {
        const { id } = parsed;
        const seen = firstLine.get(id);
        if (seen !== undefined) {
          problems.push({
            offset: open.marker.start,
            rule: 'duplicate-section',
            message: `Cannot have section \`${id}\` twice: it already appears at line ${seen}; delete one copy or remove its markers`,
          });
        } else {
          const line = lineOf(open.marker);
          firstLine.set(id, line);
          const body = text.slice(open.marker.next, marker.start);
          // A trusted rendering's bodies match their hashes by construction: no need to hash them.
          const bodyHash = trusted ? open.attributes.hash : hashBody(body);
          sections.push({
            id,
            attributes: open.attributes,
            begin: open.marker,
            end: marker,
            body,
            bodyHash,
            line,
          });
        }
        open = undefined;
      }
    } else {
      if (open !== undefined) {
        problems.push({
          offset: marker.start,
          rule: 'broken-marker',
          message: `Cannot have the manifest inside section \`${open.attributes.id}\` (begun at line ${lineOf(open.marker)}): move it after \`<!-- trackgen:end ${open.attributes.id} -->\``,
        });
      } else if (manifest !== undefined) {
        problems.push({
          offset: marker.start,
          rule: 'broken-marker',
          message: `Cannot have two manifests: the first is at line ${lineOf(manifest.marker)}; keep one`,
        });
      } else {
        manifest = { ids: parsed.ids, marker };
      }
    }
  }
  if (open !== undefined) {
    problems.push({
      offset: open.marker.start,
      rule: 'broken-marker',
      message: `Cannot find the end of section \`${open.attributes.id}\`: expected \`<!-- trackgen:end ${open.attributes.id} -->\` after it`,
    });
  }
  problems.sort((a, b) => a.offset - b.offset);
  return {
    sections,
    manifest,
    hasMarkers: scan.markers.length > 0 || scan.strays.length > 0,
    problems,
    fullParse,
  };
}

export function toDiagnostics(
  path: string,
  text: string,
  problems: Structure['problems'],
): Diagnostic[] {
  const lines = new LineIndex(text);
  return problems.map(({ offset, rule, message }) => {
    const { line, column } = lines.position(offset);
    return { file: path, line, column, severity: 'error', rule, message };
  });
}

/**
 * The text with the body of every section still exactly as trackgen rendered it (its hash is its
 * `hash=`) blanked out, line breaks kept, so every offset stays where it was.
 */
function maskUntouchedBodies(text: string, markers: readonly MarkerLine[]): string {
  let masked = '';
  let from = 0;
  let open: { id: string; hash: string; marker: MarkerLine } | undefined;
  for (const marker of markers) {
    const parsed = marker.marker;
    if (parsed.kind === 'begin') {
      open = { id: parsed.attributes.id, hash: parsed.attributes.hash, marker };
      continue;
    }
    if (parsed.kind === 'end' && open?.id === parsed.id) {
      const body = text.slice(open.marker.next, marker.start);
      if (hashBody(body) === open.hash) {
        masked += text.slice(from, open.marker.next) + body.replace(/[^\r\n]/g, ' ');
        from = marker.start;
      }
    }
    open = undefined;
  }
  return from === 0 ? text : masked + text.slice(from);
}
