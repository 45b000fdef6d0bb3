/**
 * A map's entries in the order JavaScript gives an object's properties (what JSON.parse's
 * result showed to Object.keys): array-index keys first, ascending, then the others in the
 * order they first appeared. A Map keeps first appearance and the last value, as JSON.parse
 * treats a repeated key.
 */
export function inPropertyOrder<T>(map: ReadonlyMap<string, T>): [string, T][] {
  const indices: [string, T][] = [];
  const others: [string, T][] = [];
  for (const entry of map) (isArrayIndex(entry[0]) ? indices : others).push(entry);
  if (indices.length === 0) return others;
  indices.sort(([a], [b]) => Number(a) - Number(b));
  return indices.concat(others);
}

function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  return (
    first >= 0x30 &&
    first <= 0x39 &&
    /^(?:0|[1-9]\d{0,9})$/.test(key) &&
    Number(key) < 4_294_967_295
  );
}
