/**
 * coverage.py's human_key ordering (misc.py): names split into text and digit runs, digit runs
 * compared as numbers, text by code point — `file2.py` before `file10.py`.
 */
export function humanCompare(a: string, b: string): number {
  const partsA = a.split(/(\d+)/);
  const partsB = b.split(/(\d+)/);
  for (let index = 0; index < Math.min(partsA.length, partsB.length); index++) {
    const x = partsA[index] ?? '';
    const y = partsB[index] ?? '';
    if (index % 2 === 1) {
      const difference = Number(x) - Number(y);
      if (difference !== 0) return difference;
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return partsA.length - partsB.length;
}
