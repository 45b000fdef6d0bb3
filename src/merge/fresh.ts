import { readStructure, type Section } from './document.js';
import { normaliseBody } from './markers.js';

/** The new rendering, read once: its sections by id and in order. */
export interface Fresh {
  readonly text: string;
  readonly sections: readonly Section[];
  readonly byId: ReadonlyMap<string, Section>;
}

/**
 * Recent readings by rendering: a run merges a document again against the same rendering (the
 * run cache records the outcome for the file just written), and reading it is most of a merge.
 * Bounded, and a reading is never changed once made, so sharing it is safe.
 */
const recentlyRead = new Map<string, Promise<Fresh>>();
const RECENT_LIMIT = 4096;

/** The renderer's output is trusted: broken markers there are a bug in trackgen, not user input. */
export function readFresh(fresh: string): Promise<Fresh> {
  let reading = recentlyRead.get(fresh);
  if (reading === undefined) {
    if (recentlyRead.size >= RECENT_LIMIT) recentlyRead.clear();
    reading = readFreshNow(fresh);
    recentlyRead.set(fresh, reading);
    // A failed reading (a trackgen bug) is not kept: the next call throws afresh.
    reading.catch(() => recentlyRead.delete(fresh));
  }
  return reading;
}

async function readFreshNow(fresh: string): Promise<Fresh> {
  const text = normaliseBody(fresh);
  const structure = await readStructure(text, true);
  const problem = structure.problems[0];
  if (problem !== undefined) {
    throw new Error(
      `The rendering has broken section markers (a trackgen bug): ${problem.message}`,
    );
  }
  if (structure.manifest !== undefined)
    throw new Error('The rendering must not contain a manifest line');
  return {
    text,
    sections: structure.sections,
    byId: new Map(structure.sections.map((section) => [section.id, section])),
  };
}

/** A section of the rendering from its begin marker to the end of its end marker. */
export function sectionText(fresh: Fresh, section: Section): string {
  return fresh.text.slice(section.begin.start, section.end.end);
}
