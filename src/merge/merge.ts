import type { Diagnostic } from '../diagnostics.js';
import { adoptHeadings } from './adopt.js';
import { sectionDiff } from './conflict-diff.js';
import { decode, readStructure, toDiagnostics, toEol, type Section, type Structure } from './document.js';
import { applyEdits, type Edit } from './edits.js';
import { formatManifest, normaliseBody } from './markers.js';
import type { Conflict, MergeInput, MergeResult, SectionOutcome } from './types.js';

interface Fresh {
  readonly text: string;
  readonly sections: readonly Section[];
  readonly byId: ReadonlyMap<string, Section>;
}

/** The renderer's output is trusted: broken markers there are a bug in trackgen, not user input. */
async function readFresh(fresh: string): Promise<Fresh> {
  const text = normaliseBody(fresh);
  const structure = await readStructure(text, true);
  const problem = structure.problems[0];
  if (problem !== undefined) {
    throw new Error(`The rendering has broken section markers (a trackgen bug): ${problem.message}`);
  }
  if (structure.manifest !== undefined) throw new Error('The rendering must not contain a manifest line');
  return { text, sections: structure.sections, byId: new Map(structure.sections.map((section) => [section.id, section])) };
}

function sectionText(fresh: Fresh, section: Section): string {
  return fresh.text.slice(section.begin.start, section.end.end);
}

function isForced(force: MergeInput['force'], id: string): boolean {
  return force === 'all' || (force !== undefined && force.has(id));
}

function result(partial: Partial<MergeResult> & Pick<MergeResult, 'content' | 'diagnostics'>, existing: string | undefined): MergeResult {
  const sections = partial.sections ?? [];
  return {
    changed: partial.content !== null && partial.content !== existing,
    conflicts: [],
    sections,
    handEdited: sections.filter((section) => section.status === 'hand-edited' || section.status === 'conflict').map((section) => section.id),
    updated: sections
      .filter((section) => section.status === 'updated' || section.status === 'forced' || section.status === 'inserted' || section.status === 'removed')
      .map((section) => section.id),
    fullParse: false,
    ...partial,
  };
}

function createFile(fresh: Fresh): MergeResult {
  const body = fresh.text === '' || fresh.text.endsWith('\n') ? fresh.text : `${fresh.text}\n`;
  const ids = fresh.sections.map((section) => section.id);
  const content = ids.length === 0 ? body : `${body}\n${formatManifest(ids)}\n`;
  const sections = fresh.sections.map((section): SectionOutcome => ({ id: section.id, status: 'inserted', line: section.line }));
  return result({ content, diagnostics: [], sections }, undefined);
}

/**
 * Merges a fresh rendering into the existing file. Pure: text in, text and findings out.
 * Hand-written text is sliced from the original, never re-serialised.
 */
export async function mergeDocument(input: MergeInput): Promise<MergeResult> {
  const { path, existing, force } = input;
  const fresh = await readFresh(input.fresh);
  if (existing === undefined || /^\uFEFF?\s*$/.test(existing)) return createFile(fresh);

  const { bom, eol } = decode(existing);
  let { text } = decode(existing);
  let structure: Structure = await readStructure(text, false);
  let fullParse = structure.fullParse;
  if (structure.problems.length > 0) {
    return result({ content: null, diagnostics: toDiagnostics(path, text, structure.problems), fullParse }, existing);
  }
  if (!structure.hasMarkers) {
    if (input.adopt !== true) {
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
    text = (await adoptHeadings(text, fresh.text, fresh.sections, eol)).text;
    structure = await readStructure(text, false);
    fullParse = true;
    if (structure.problems.length > 0) {
      throw new Error(`Adoption produced broken markers (a trackgen bug): ${structure.problems[0]?.message ?? ''}`);
    }
  }

  const diagnostics: Diagnostic[] = [];
  const conflicts: Conflict[] = [];
  const outcomes: SectionOutcome[] = [];
  const edits: Edit[] = [];
  const report = (section: Section, severity: Diagnostic['severity'], rule: string, message: string): void => {
    diagnostics.push({ file: path, line: section.line, column: 1, severity, rule, message });
  };
  const existingById = new Map(structure.sections.map((section) => [section.id, section]));

  for (const section of structure.sections) {
    const { id, attributes } = section;
    const rendering = fresh.byId.get(id);
    const edited = section.bodyHash !== (attributes.text ?? attributes.hash);
    const outcome = (status: SectionOutcome['status']): void => {
      outcomes.push({ id, status, line: section.line });
    };
    const replaceWith = (replacement: Section): void => {
      // A section keeps the line endings it has: what matters in a mixed file is this section's.
      const sectionEol = section.begin.next - section.begin.end === 2 ? '\r\n' : section.begin.next === section.begin.end ? eol : '\n';
      const replacementText = toEol(sectionText(fresh, replacement), sectionEol);
      if (text.slice(section.begin.start, section.end.end) !== replacementText) {
        edits.push({ start: section.begin.start, end: section.end.end, text: replacementText });
      }
    };

    if (rendering === undefined) {
      if (attributes.pinned) outcome('pinned');
      else if (edited && !isForced(force, id)) {
        outcome('orphaned');
        report(section, 'warning', 'orphaned-section', `Section \`${id}\` is no longer generated but was edited by hand: kept; delete it, or delete its two markers to keep it as your own text`);
      } else {
        outcome('removed');
        let end = section.end.next;
        const blankBefore = section.begin.start === 0 || text.slice(0, section.begin.start).endsWith(`${eol}${eol}`);
        if (blankBefore && text.startsWith(eol, end)) end += eol.length;
        edits.push({ start: section.begin.start, end, text: '' });
      }
      continue;
    }
    if (attributes.pinned) {
      outcome('pinned');
      if (force !== undefined && force !== 'all' && force.has(id)) {
        report(section, 'warning', 'pinned', `Cannot force section \`${id}\`: it is pinned; remove \`pinned\` from its begin marker to have it regenerated`);
      }
      continue;
    }
    const dataChanged = rendering.attributes.hash !== attributes.hash;
    if (isForced(force, id)) {
      outcome(edited || attributes.text !== undefined ? 'forced' : dataChanged ? 'updated' : 'unchanged');
      replaceWith(rendering);
    } else if (!edited && attributes.text === undefined) {
      outcome(dataChanged ? 'updated' : 'unchanged');
      if (dataChanged) replaceWith(rendering);
    } else if (!dataChanged) {
      if (edited) {
        outcome('hand-edited');
        report(section, 'warning', 'hand-edit', `Section \`${id}\` was edited by hand: kept as you left it; \`trackgen accept ${id}\` makes your text the baseline, \`--force ${id}\` takes the generated text`);
      } else outcome('unchanged');
    } else {
      outcome('conflict');
      const what = edited ? 'was edited by hand' : 'holds text you accepted';
      report(section, 'error', 'conflict', `Section \`${id}\` ${what} and its data changed: kept your text; compare it with the new rendering, then \`trackgen accept ${id}\` (keep yours) or \`--force ${id}\` (take the new one)`);
      conflicts.push({ sectionId: id, line: section.line, diff: await sectionDiff(path, id, section.body, rendering.body) });
    }
  }

  // Sections in the rendering but not in the file: new ones are inserted, released ones are not.
  const known = structure.manifest === undefined ? new Set<string>() : new Set(structure.manifest.ids);
  const released = new Set([...known].filter((id) => !existingById.has(id)));
  const appendAt = structure.manifest?.marker.start ?? text.length;
  let anchor: Section | undefined;
  let leading: Section[] = [];
  const freshSlice = (start: number, end: number): string => toEol(fresh.text.slice(start, end), eol);
  const nextStart = (index: number): number => fresh.sections[index + 1]?.begin.start ?? fresh.text.length;
  fresh.sections.forEach((section, index) => {
    const present = existingById.get(section.id);
    if (present !== undefined) {
      if (leading.length > 0) {
        // New sections before every existing one go before the template text that leads to
        // the first existing section (its heading, say), when the file still has that text.
        const last = leading[leading.length - 1]!;
        const block = leading
          .map((waiting) => freshSlice(waiting.begin.start, waiting === last ? waiting.end.end : nextStart(fresh.sections.indexOf(waiting))))
          .join('');
        const gap = fresh.text.slice(last.end.end, section.begin.start);
        const lead = /^\n*/.exec(gap)?.[0] ?? '';
        const suffix = toEol(gap.slice(lead.length), eol);
        const fits = suffix !== '' && text.slice(0, present.begin.start).endsWith(suffix);
        const at = fits ? present.begin.start - suffix.length : present.begin.start;
        edits.push({ start: at, end: at, text: block + toEol(fits ? lead : gap, eol) });
        leading = [];
      }
      anchor = present;
      return;
    }
    if (released.has(section.id)) {
      outcomes.push({ id: section.id, status: 'released', line: 0 });
      return;
    }
    outcomes.push({ id: section.id, status: 'inserted', line: 0 });
    if (anchor === undefined) {
      leading.push(section);
      return;
    }
    const previous = fresh.sections[index - 1]!;
    edits.push({ start: anchor.end.end, end: anchor.end.end, text: freshSlice(previous.end.end, section.end.end) });
  });
  if (leading.length > 0) {
    const block = leading.map((section) => sectionText(fresh, section)).join('\n\n');
    if (structure.manifest !== undefined) {
      edits.push({ start: appendAt, end: appendAt, text: toEol(`${block}\n\n`, eol) });
    } else {
      const separator = text === '' ? '' : text.endsWith('\n') ? eol : eol + eol;
      edits.push({ start: appendAt, end: appendAt, text: separator + toEol(`${block}\n`, eol) });
    }
  }

  for (const id of force === undefined || force === 'all' ? [] : force) {
    if (existingById.has(id)) continue;
    if (released.has(id)) {
      diagnostics.push({ file: path, line: structure.manifest?.marker ? lineOfOffset(text, structure.manifest.marker.start) : 1, column: 1, severity: 'warning', rule: 'unknown-section', message: `Cannot force section \`${id}\`: its markers were deleted, so it is your text now; remove \`${id}\` from the manifest line to have it generated again` });
    } else if (!fresh.byId.has(id)) {
      diagnostics.push({ file: path, line: 1, column: 1, severity: 'warning', rule: 'unknown-section', message: `Cannot force section \`${id}\`: no section with that id in this file or its rendering; sections here: ${[...existingById.keys()].join(', ') || 'none'}` });
    }
  }

  // The manifest remembers every id generated here, so a deleted section stays deleted.
  const kept = outcomes.filter((outcome) => outcome.status !== 'removed' && outcome.status !== 'released').map((outcome) => outcome.id);
  const keptSet = new Set(kept);
  const manifestIds = [...fresh.sections.map((section) => section.id).filter((id) => keptSet.has(id)), ...kept.filter((id) => !fresh.byId.has(id)), ...released];
  const unique = [...new Set(manifestIds)];
  if (structure.manifest === undefined) {
    if (unique.length > 0) {
      const endsWithNewline = leading.length > 0 || text === '' || text.endsWith('\n');
      edits.push({ start: text.length, end: text.length, text: `${endsWithNewline ? '' : eol}${eol}${formatManifest(unique)}${eol}` });
    }
  } else {
    const old = new Set(structure.manifest.ids);
    if (old.size !== unique.length || unique.some((id) => !old.has(id))) {
      edits.push({ start: structure.manifest.marker.start, end: structure.manifest.marker.end, text: formatManifest(unique) });
    }
  }

  const content = bom + applyEdits(text, edits);
  return result({ content, diagnostics, conflicts, sections: outcomes, fullParse }, existing);
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line += 1;
  return line;
}
