/**
 * The index of the first item for which `reached` holds, in items sorted so that it is false for
 * a prefix and true for the rest (headings and sections by offset); `items.length` when none.
 */
export function firstReached<T>(items: readonly T[], reached: (item: T) => boolean): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (reached(items[middle] as T)) high = middle;
    else low = middle + 1;
  }
  return low;
}
