import { readStructure, type Section } from './document.js';
import { normaliseBody } from './markers.js';

/** The new rendering, read once: its sections by id and in order. */
export interface Fresh {
  readonly text: string;
  readonly sections: readonly Section[];
  readonly byId: ReadonlyMap<string, Section>;
}

/** The renderer's output is trusted: broken markers there are a bug in trackgen, not user input. */
export async function readFresh(fresh: string): Promise<Fresh> {
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
