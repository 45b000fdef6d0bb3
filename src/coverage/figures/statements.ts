import type { FileLines } from '../raw/raw-report.js';

/**
 * The statements of a file whose report listed more lines than it has statements (coverage.py
 * JSON: executed_lines also holds module and class docstring lines, which ran but are no
 * statements — results.py Analysis keeps `executed` unfiltered, `statements` from the parser).
 * The report says how many statements there are (summary.num_statements), not which lines
 * are not; the extra lines are dropped from the uncertain ones, and first from those that
 * cannot change a missing range: `format_lines` runs a range on across non-statements and
 * breaks it at an executed statement, so only a line that alone separates two missing lines
 * matters — and a docstring never does (it runs with the class or module body around it).
 */
export function resolveStatements(file: FileLines): FileLines {
  const declared = file.declared?.statements;
  const uncertain = file.uncertain;
  if (declared === undefined || uncertain === undefined) return file;
  let excess = file.lines.length - declared;
  if (excess <= 0) return file;
  const { lines, covered } = file;
  const separators: number[] = [];
  const dropped = new Set<number>();
  for (let index = 0; index < lines.length && excess > 0; index++) {
    const line = lines[index] ?? 0;
    if (!uncertain.has(line)) continue;
    const separates = covered[index - 1] === 0 && covered[index + 1] === 0;
    if (separates) separators.push(line);
    else {
      dropped.add(line);
      excess--;
    }
  }
  for (const line of separators) {
    if (excess === 0) break;
    dropped.add(line);
    excess--;
  }
  const keep: number[] = [];
  lines.forEach((line, index) => {
    if (!dropped.has(line)) keep.push(index);
  });
  const pick = <T extends Int32Array | Uint8Array>(array: T, make: (size: number) => T): T => {
    const result = make(keep.length);
    keep.forEach((from, to) => {
      result[to] = array[from] ?? 0;
    });
    return result;
  };
  return {
    ...file,
    lines: pick(lines, (size) => new Int32Array(size)),
    covered: pick(covered, (size) => new Uint8Array(size)),
    branchTotal: pick(file.branchTotal, (size) => new Int32Array(size)),
    branchTaken: pick(file.branchTaken, (size) => new Int32Array(size)),
  };
}
