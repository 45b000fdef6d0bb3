/** Pure: module ids for project.json from report paths — the file name where unique, else the shortest unique dotted suffix. */
import { MODULE_ID_PATTERN } from '../data/schema.js';
import { toSlashes } from '../text/paths.js';

export function moduleIds(paths: readonly string[]): string[] {
  const segments = paths.map((path) =>
    toSlashes(path)
      .replace(/\.py$/, '')
      .split('/')
      .filter((part) => part !== ''),
  );
  const suffix = (parts: readonly string[], length: number) => parts.slice(-length).join('.');
  const used = new Set<string>();
  return segments.map((parts) => {
    let length = 1;
    while (
      length < parts.length &&
      segments.some((other) => other !== parts && suffix(other, length) === suffix(parts, length))
    )
      length++;
    let id = sanitise(suffix(parts, length));
    for (let counter = 2; used.has(id); counter++)
      id = `${sanitise(suffix(parts, length))}_${counter}`;
    used.add(id);
    return id;
  });
}

function sanitise(id: string): string {
  const cleaned = id.replace(/[^A-Za-z0-9_.-]/g, '_');
  const valid = /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
  return MODULE_ID_PATTERN.test(valid) ? valid : '_module';
}
