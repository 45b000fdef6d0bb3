import type { Diagnostic, Severity } from '../diagnostics.js';
import type { Section } from './document.js';
import type { MergeInput, SectionStatus } from './types.js';

export interface Decision {
  readonly status: SectionStatus;
  readonly action: 'keep' | 'replace' | 'remove';
  readonly finding?: {
    readonly severity: Severity;
    readonly rule: Diagnostic['rule'];
    readonly message: string;
  };
}

/** Where a section is: for messages, and whether the file's manifest says trackgen put it there. */
export interface SectionPlace {
  /** The document as the user sees it, for the scoped `FILE:ID` form in messages. */
  readonly path: string;
  /** Its id is in the file's manifest (or the file has no manifest to ask). */
  readonly generatedHere: boolean;
}

export function isForced(force: MergeInput['force'], id: string): boolean {
  return force === 'all' || (force !== undefined && force.has(id));
}

/**
 * What to do with one section of the file, given its new rendering (undefined: no longer
 * rendered). Edited means the text no longer matches the hash it should (`text=` if accepted,
 * else `hash=`); data changed means the rendering's hash differs from `hash=`.
 */
export function decideSection(
  section: Section,
  rendering: Section | undefined,
  force: MergeInput['force'],
  where: SectionPlace,
): Decision {
  const { id, attributes } = section;
  const edited = section.bodyHash !== (attributes.text ?? attributes.hash);
  const forced = isForced(force, id);
  const scoped = `${where.path}:${id}`;
  if (rendering === undefined) {
    if (attributes.pinned) return { status: 'pinned', action: 'keep' };
    if (!where.generatedHere && !forced) {
      // Pasted with its markers from another document: someone put it here on purpose.
      return {
        status: 'foreign',
        action: 'keep',
        finding: {
          severity: 'warning',
          rule: 'orphaned-section',
          message: `Section \`${id}\` is not one trackgen generates in this file (pasted from another document?): kept; delete its two markers to keep it as your own text, or delete it`,
        },
      };
    }
    // Accepted text is a person's text as much as an edit is.
    if ((edited || attributes.text !== undefined) && !forced) {
      return {
        status: 'orphaned',
        action: 'keep',
        finding: {
          severity: 'warning',
          rule: 'orphaned-section',
          message: `Section \`${id}\` is no longer generated but holds text ${edited ? 'edited by hand' : 'you accepted'}: kept; delete it, or delete its two markers to keep it as your own text`,
        },
      };
    }
    return { status: 'removed', action: 'remove' };
  }
  if (attributes.pinned) {
    if (force === undefined || force === 'all' || !force.has(id))
      return { status: 'pinned', action: 'keep' };
    return {
      status: 'pinned',
      action: 'keep',
      finding: {
        severity: 'warning',
        rule: 'pinned',
        message: `Cannot force section \`${id}\`: it is pinned; remove \`pinned\` from its begin marker to have it regenerated`,
      },
    };
  }
  const dataChanged = rendering.attributes.hash !== attributes.hash;
  if (forced) {
    return {
      status:
        edited || attributes.text !== undefined ? 'forced' : dataChanged ? 'updated' : 'unchanged',
      action: 'replace',
    };
  }
  if (!edited && attributes.text === undefined)
    return {
      status: dataChanged ? 'updated' : 'unchanged',
      action: dataChanged ? 'replace' : 'keep',
    };
  if (!dataChanged) {
    if (!edited) return { status: 'unchanged', action: 'keep' };
    return {
      status: 'hand-edited',
      action: 'keep',
      finding: {
        severity: 'warning',
        rule: 'hand-edit',
        message: `Section \`${id}\` was edited by hand: kept as you left it; \`trackgen accept ${scoped}\` makes your text the baseline, \`trackgen generate --force ${scoped}\` takes the generated text`,
      },
    };
  }
  const what = edited ? 'was edited by hand' : 'holds text you accepted';
  return {
    status: 'conflict',
    action: 'keep',
    finding: {
      severity: 'error',
      rule: 'conflict',
      message: `Section \`${id}\` ${what} and its data changed: kept your text; compare it with the new rendering, then \`trackgen accept ${scoped}\` (keep yours) or \`trackgen generate --force ${scoped}\` (take the new one)`,
    },
  };
}
