import type { Diagnostic } from '../diagnostics.js';
import { adoptHeadings, type Adoption } from './adopt.js';
import { sectionDiff } from './conflict-diff.js';
import { decideSection } from './decide.js';
import {
  decode,
  readStructure,
  toDiagnostics,
  toEol,
  type Section,
  type Structure,
} from './document.js';
import { findDuplicateKinds, renderingMayRepeatKinds } from './duplicates.js';
import { applyEdits, shiftOffset, unshiftOffset, type Edit } from './edits.js';
import { readFresh, sectionText, type Fresh } from './fresh.js';
import { placeNewSections } from './insert.js';
import { readOutline } from './outline.js';
import { formatManifest } from './markers.js';
import { scanMarkers } from './scan.js';
import { renderingKeys } from './section-keys.js';
import { mojibakeDiagnostics } from '../data/mojibake-findings.js';
import { repairMojibake } from '../text/mojibake.js';
import { LineIndex } from '../text/position.js';
import type { Conflict, MergeInput, MergeResult, SectionOutcome } from './types.js';

function result(
  partial: Partial<MergeResult> & Pick<MergeResult, 'content' | 'diagnostics'>,
  existing: string | undefined,
): MergeResult {
  const sections = partial.sections ?? [];
  const ids = (...statuses: SectionOutcome['status'][]): string[] =>
    sections.filter((section) => statuses.includes(section.status)).map((section) => section.id);
  return {
    changed: partial.content !== null && partial.content !== existing,
    conflicts: [],
    sections,
    handEdited: ids('hand-edited', 'conflict'),
    updated: ids('updated', 'forced', 'inserted', 'removed'),
    fullParse: false,
    ...partial,
  };
}

/**
 * A new file: the rendering and its manifest. Its sections are the rendering's, at the same
 * offsets, so what merging it again would find about its structure (a kind generated twice) is
 * found now from the rendering's own reading: merging the created file with the same rendering
 * changes nothing and finds the same (the run cache relies on it; tests/merge/properties).
 */
function createFile(path: string, fresh: Fresh): MergeResult {
  const body = fresh.text === '' || fresh.text.endsWith('\n') ? fresh.text : `${fresh.text}\n`;
  const ids = fresh.sections.map((section) => section.id);
  const content = ids.length === 0 ? body : `${body}\n${formatManifest(ids)}\n`;
  const sections = fresh.sections.map((section): SectionOutcome => ({
    id: section.id,
    status: 'inserted',
    line: 0,
  }));
  // The rendering's outline is the created file's: the manifest adds only a blank line and a
  // comment after everything else, and offsets do not move. One reading serves both.
  const outline = readOutline(content);
  let lines: LineIndex | undefined;
  const duplicates = renderingMayRepeatKinds(outline, fresh.sections)
    ? findDuplicateKinds(content, fresh.sections, renderingKeys(content, fresh.sections, outline), {
        outline,
        isRendering: true,
      })
    : [];
  const diagnostics = duplicates.map((duplicate): Diagnostic => ({
    file: path,
    ...(lines ??= new LineIndex(content)).position(duplicate.offset),
    severity: duplicate.severity,
    rule: 'duplicate-kind',
    message: duplicate.message,
  }));
  return result({ content, diagnostics, sections }, undefined);
}

/** Adoption would put markers (at least the manifest) inside a block the file never closes. */
function unadoptable(
  path: string,
  existing: string,
  text: string,
  open: { readonly offset: number; readonly kind: 'fence' | 'html' },
): MergeResult {
  const what =
    open.kind === 'fence'
      ? 'the code fence opened here is never closed'
      : 'the HTML block opened here (`<!--`, `<pre>`, `<script>`, …) is never closed';
  const diagnostic: Diagnostic = {
    file: path,
    ...new LineIndex(text).position(open.offset),
    severity: 'error',
    rule: 'broken-marker',
    message: `Cannot adopt this file as it is: ${what}, so every marker trackgen would add after it would be inside it; close it and run --adopt again; nothing was written`,
  };
  return result({ content: null, diagnostics: [diagnostic] }, existing);
}

function unmarked(path: string, existing: string): MergeResult {
  const diagnostic: Diagnostic = {
    file: path,
    line: 1,
    column: 1,
    severity: 'error',
    rule: 'unmarked-file',
    message:
      'Cannot update a file that has no trackgen markers: it was written by hand and is left as it is; run `trackgen generate --adopt` to mark the sections trackgen generates (matched by heading) and keep the rest',
  };
  return result({ content: null, diagnostics: [diagnostic] }, existing);
}

/** Removes a section and its line break, and one blank line if that leaves two in a row. */
function removal(text: string, section: Section, eol: string): Edit {
  let end = section.end.next;
  const blankBefore =
    section.begin.start === 0 || text.slice(0, section.begin.start).endsWith(`${eol}${eol}`);
  if (blankBefore && text.startsWith(eol, end)) end += eol.length;
  return { start: section.begin.start, end, text: '' };
}

/** A section keeps the line endings it has: in a mixed file what matters is this section's. */
function replacement(
  text: string,
  section: Section,
  fresh: Fresh,
  fileEol: '\n' | '\r\n',
): Edit | undefined {
  const width = section.begin.next - section.begin.end;
  const eol = width === 2 ? '\r\n' : width === 1 ? '\n' : fileEol;
  const rendering = fresh.byId.get(section.id);
  if (rendering === undefined) throw new Error(`section ${section.id} has no rendering`);
  const rendered = toEol(sectionText(fresh, rendering), eol);
  if (text.slice(section.begin.start, section.end.end) === rendered) return undefined;
  return { start: section.begin.start, end: section.end.end, text: rendered };
}

/**
 * Merges a fresh rendering into the existing file. Pure: text in, text and findings out.
 * Hand-written text is sliced from the original, never re-serialised.
 */
export async function mergeDocument(input: MergeInput): Promise<MergeResult> {
  const { path, existing, force } = input;
  const fresh = await readFresh(input.fresh);
  if (existing === undefined || /^\uFEFF?\s*$/.test(existing)) return createFile(path, fresh);

  const { bom, eol } = decode(existing);
  let { text } = decode(existing);
  let structure: Structure = await readStructure(text, false);
  let fullParse = structure.fullParse;
  if (structure.problems.length > 0) {
    return result(
      { content: null, diagnostics: toDiagnostics(path, text, structure.problems), fullParse },
      existing,
    );
  }
  let adoption: Adoption | undefined;
  const encodingFindings: Diagnostic[] = [];
  if (!structure.hasMarkers) {
    if (input.adopt !== true) return unmarked(path, existing);
    // Adoption is when a hand-written file becomes trackgen's: the moment to catch mis-decoded text.
    encodingFindings.push(
      ...mojibakeDiagnostics(
        path,
        text,
        input.repairEncoding === true
          ? 'repaired (--repair-encoding)'
          : 'generate --adopt --repair-encoding repairs it',
      ),
    );
    if (input.repairEncoding === true) text = repairMojibake(text);
    const open = scanMarkers(text).openAtEnd;
    if (open !== undefined) return unadoptable(path, existing, text, open);
    const original = text;
    adoption = adoptHeadings(text, fresh.text, fresh.sections, eol, force);
    text = adoption.text;
    structure = await readStructure(text, false);
    fullParse ||= structure.fullParse;
    const problem = structure.problems[0];
    if (problem !== undefined) {
      // A marker would land inside a block the file leaves open (a `<pre>` before a heading):
      // say where in the file as it is, and write nothing.
      const at = new LineIndex(original).position(unshiftOffset(problem.offset, adoption.edits));
      return result(
        {
          content: null,
          diagnostics: [
            {
              file: path,
              ...at,
              severity: 'error',
              rule: 'broken-marker',
              message: `Cannot adopt this file as it is: a marker trackgen would insert here would be ${problem.message.replace(/^Cannot use this marker /, '').replace(/: markers must be.*$/, '')}; close that block (or move this heading out of it) and run --adopt again; nothing was written`,
            },
          ],
          fullParse,
        },
        existing,
      );
    }
  }

  const diagnostics: Diagnostic[] = [...encodingFindings];
  const conflicts: Conflict[] = [];
  const outcomes: SectionOutcome[] = [];
  const edits: Edit[] = [];
  const manifestIds =
    structure.manifest === undefined ? undefined : new Set(structure.manifest.ids);
  for (const section of structure.sections) {
    const rendering = fresh.byId.get(section.id);
    const decision = decideSection(section, rendering, force, {
      path,
      generatedHere: manifestIds?.has(section.id) ?? false,
    });
    outcomes.push({ id: section.id, status: decision.status, line: section.line });
    if (decision.finding !== undefined)
      diagnostics.push({ file: path, line: section.line, column: 1, ...decision.finding });
    if (decision.action === 'remove') edits.push(removal(text, section, eol));
    if (decision.action === 'replace') {
      const edit = replacement(text, section, fresh, eol);
      if (edit !== undefined) edits.push(edit);
    }
    if (decision.status === 'conflict' && rendering !== undefined) {
      conflicts.push({
        sectionId: section.id,
        line: section.line,
        diff: await sectionDiff(path, section.id, section.body, rendering.body),
      });
    }
  }

  const existingById = new Map(structure.sections.map((section) => [section.id, section]));
  const known = new Set(structure.manifest?.ids ?? []);
  const released = new Set([...known].filter((id) => !existingById.has(id)));
  const placement = placeNewSections(
    text,
    eol,
    fresh,
    existingById,
    released,
    structure.manifest?.marker,
  );
  edits.push(...placement.edits);
  for (const id of placement.inserted) outcomes.push({ id, status: 'inserted', line: 0 });
  for (const id of placement.released) outcomes.push({ id, status: 'released', line: 0 });

  for (const id of force === undefined || force === 'all' ? [] : force) {
    if (existingById.has(id)) continue;
    const line = structure.manifest?.marker.line ?? 1;
    if (released.has(id)) {
      diagnostics.push({
        file: path,
        line,
        column: 1,
        severity: 'warning',
        rule: 'unknown-section',
        message: `Cannot force section \`${id}\`: its markers were deleted, so it is your text now; remove \`${id}\` from the manifest line to have it generated again`,
      });
    } else if (!fresh.byId.has(id)) {
      diagnostics.push({
        file: path,
        line: 1,
        column: 1,
        severity: 'warning',
        rule: 'unknown-section',
        message: `Cannot force section \`${id}\`: no section with that id in this file or its rendering; sections here: ${[...existingById.keys()].join(', ') || 'none'}`,
      });
    }
  }
  const manifestEdit = updateManifest(
    text,
    eol,
    structure,
    fresh,
    outcomes,
    released,
    placement.appendedAtEnd,
  );
  if (manifestEdit !== undefined) edits.push(manifestEdit);

  const merged = applyEdits(text, edits);
  diagnostics.push(...(await structureFindings(path, merged, fresh, adoption, edits)));
  const content = bom + merged;
  return result({ content, diagnostics, conflicts, sections: outcomes, fullParse }, existing);
}

/**
 * The manifest lists every id generated here (in rendering order, then sections kept that are no
 * longer rendered, then released ones), so a section whose markers were deleted stays deleted.
 * Rewritten only when the set of ids changes.
 */
function updateManifest(
  text: string,
  eol: '\n' | '\r\n',
  structure: Structure,
  fresh: Fresh,
  outcomes: readonly SectionOutcome[],
  released: ReadonlySet<string>,
  appendedAtEnd: boolean,
): Edit | undefined {
  const kept = outcomes
    .filter(
      (outcome) =>
        outcome.status !== 'removed' &&
        outcome.status !== 'released' &&
        outcome.status !== 'foreign',
    )
    .map((outcome) => outcome.id);
  const keptSet = new Set(kept);
  const ids = [
    ...new Set([
      ...fresh.sections.map((section) => section.id).filter((id) => keptSet.has(id)),
      ...kept.filter((id) => !fresh.byId.has(id)),
      ...released,
    ]),
  ];
  const manifest = structure.manifest;
  if (manifest === undefined) {
    if (ids.length === 0) return undefined;
    const endsWithNewline = appendedAtEnd || text === '' || text.endsWith('\n');
    return {
      start: text.length,
      end: text.length,
      text: `${endsWithNewline ? '' : eol}${eol}${formatManifest(ids)}${eol}`,
    };
  }
  const old = new Set(manifest.ids);
  if (old.size === ids.length && ids.every((id) => old.has(id))) return undefined;
  return { start: manifest.marker.start, end: manifest.marker.end, text: formatManifest(ids) };
}

/**
 * What the merged file says about its own structure: the headings adoption could not match, and
 * a second section of a kind trackgen generates (checked on every run, so `check` keeps
 * reporting a file that contradicts itself). Positions are those of the merged file.
 */
async function structureFindings(
  path: string,
  merged: string,
  fresh: Fresh,
  adoption: Adoption | undefined,
  mergeEdits: readonly Edit[],
): Promise<Diagnostic[]> {
  const lines = new LineIndex(merged);
  const at = (offset: number) => ({ file: path, ...lines.position(offset) });
  const findings: Diagnostic[] = (adoption?.findings ?? []).map((finding) => ({
    ...at(shiftOffset(shiftOffset(finding.offset, adoption?.edits ?? []), mergeEdits)),
    severity: 'warning',
    rule: 'adopt-unmatched',
    message: finding.message,
  }));
  // The merged text's markers are trackgen's own by now: no need to verify them again.
  const { sections } = await readStructure(merged, true);
  for (const duplicate of findDuplicateKinds(
    merged,
    sections,
    renderingKeys(fresh.text, fresh.sections),
  ))
    findings.push({
      ...at(duplicate.offset),
      severity: duplicate.severity,
      rule: 'duplicate-kind',
      message: duplicate.message,
    });
  return findings;
}
