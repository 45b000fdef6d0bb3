/**
 * A file named on the command line, as the documents import maps: a session summary is one
 * document; a tracker gives one per entry of its Session Log ("### Session 54: 2025-11-24").
 * Mojibake is reported, or with --repair-encoding repaired before anything is read from it.
 */
import { parseSessionId } from '../data/session-id.js';
import { mojibakeDiagnostics } from '../data/mojibake-findings.js';
import { readTextFile } from '../data/read-text-file.js';
import type { Diagnostic } from '../diagnostics.js';
import { significantWords } from '../merge/heading-words.js';
import { repairMojibake } from '../text/mojibake.js';
import type { SourceDocument } from './record-draft.js';
import { outlineOf, type Outline } from './outline.js';

export interface ReadResult {
  readonly documents: SourceDocument[];
  readonly findings: Diagnostic[];
}

/** Far above any real summary; a stray dump is refused rather than parsed. */
const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

export async function readSummaryFile(
  path: string,
  shownAs: string,
  options: { readonly repairEncoding: boolean },
): Promise<ReadResult> {
  const read = await readTextFile(path, shownAs, MAX_DOCUMENT_BYTES);
  if (read.text === undefined) return { documents: [], findings: read.diagnostics };
  const findings = [
    ...read.diagnostics.filter((diagnostic) => diagnostic.rule !== 'bom'),
    ...mojibakeDiagnostics(
      shownAs,
      read.text,
      options.repairEncoding
        ? 'repaired (--repair-encoding)'
        : 'import --repair-encoding repairs it',
    ),
  ];
  const text = (options.repairEncoding ? repairMojibake(read.text) : read.text).replace(
    /^\uFEFF/u,
    '',
  );
  const outline = await outlineOf(text);
  const numberInName = /session[_\s-]*(\d+[A-Za-z]?)(?![\p{L}\p{N}])/iu.exec(
    shownAs.split('/').pop() ?? '',
  )?.[1];
  const numberHint = numberInName === undefined ? undefined : parseSessionId(numberInName);
  const log = outline.headings.find((heading) => {
    const words = significantWords(heading.text);
    return words.includes('session') && (words.includes('log') || words.includes('journal'));
  });
  if (log === undefined)
    return {
      documents: [
        {
          file: shownAs,
          outline,
          ...(numberHint === undefined ? {} : { numberHint }),
        },
      ],
      findings,
    };
  // A tracker's Session Log lists the sessions of the phase its title (or file name) names.
  const title = outline.headings.find((heading) => heading.depth === 1);
  const phaseInTitle = /\bphase\s*(\d+)/iu.exec(title?.text ?? '')?.[1];
  const phaseInName = /phase[_\s-]*(\d+)/iu.exec(shownAs.split('/').pop() ?? '')?.[1];
  const phaseHint =
    phaseInTitle !== undefined && title !== undefined
      ? { phase: Number(phaseInTitle), line: title.line }
      : phaseInName === undefined
        ? undefined
        : { phase: Number(phaseInName) };
  return {
    documents: await logEntries(shownAs, text, outline, log.line, log.depth, phaseHint),
    findings,
  };
}

/** Each "Session N" heading under the Session Log, with its lines, as a document of its own. */
async function logEntries(
  file: string,
  text: string,
  outline: Outline,
  logLine: number,
  logDepth: number,
  phaseHint: SourceDocument['phaseHint'],
): Promise<SourceDocument[]> {
  const end =
    outline.headings.find((heading) => heading.line > logLine && heading.depth <= logDepth)?.line ??
    outline.lines.length + 1;
  const entries = outline.headings.filter(
    (heading) =>
      heading.line > logLine &&
      heading.line < end &&
      heading.depth === logDepth + 1 &&
      /\bsession\s*#?\s*\d+/iu.test(heading.text),
  );
  const lines = text.split('\n');
  const documents: SourceDocument[] = [];
  for (const [index, entry] of entries.entries()) {
    const last = (entries[index + 1]?.line ?? end) - 1;
    const slice = lines.slice(entry.line - 1, last).join('\n');
    const shift = entry.line - 1;
    const own = await outlineOf(slice);
    // Lines keep their numbers in the tracker, so that findings point into it.
    const moved = (heading: Outline['headings'][number]) => ({
      ...heading,
      line: heading.line + shift,
    });
    const shifted: Outline = {
      headings: own.headings.map(moved),
      lines: own.lines.map((line) => ({
        ...line,
        number: line.number + shift,
        headings: line.headings.map(moved),
        ...(line.block === undefined ? {} : { block: line.block + shift }),
        ...(line.table === undefined ? {} : { table: line.table + shift }),
      })),
    };
    documents.push({
      file,
      outline: shifted,
      titleLine: entry.line,
      ...(phaseHint === undefined ? {} : { phaseHint }),
    });
  }
  return documents;
}
