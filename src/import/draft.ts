/**
 * What one document says, field by field, before it becomes a record: each value remembers the
 * lines it came from, so the lines of a value that is dropped (an incomplete test count, a
 * module the project lacks) go back to the notes. The first statement of a field wins; a
 * different second one is reported.
 */
import type { Diagnostic } from '../diagnostics.js';

export interface Stated<T> {
  readonly value: T;
  readonly lines: readonly number[];
}

export class Draft {
  private readonly values = new Map<string, Stated<unknown>>();
  readonly findings: Diagnostic[] = [];

  constructor(private readonly file: string) {}

  /** Records `value` for `field` from `line`; false when the field already had another value. */
  state(field: string, value: unknown, line: number): boolean {
    const known = this.values.get(field);
    if (known === undefined) {
      this.values.set(field, { value, lines: [line] });
      return true;
    }
    if (JSON.stringify(known.value) === JSON.stringify(value)) {
      this.values.set(field, { value, lines: [...known.lines, line] });
      return true;
    }
    this.findings.push({
      file: this.file,
      line,
      column: 1,
      severity: 'warning',
      rule: 'import-conflict',
      message: `expected one value for ${field}, found ${JSON.stringify(value)} here and ${JSON.stringify(known.value)} on line ${known.lines[0] ?? 1}; the first is imported, this line stays in the notes`,
    });
    return false;
  }

  get<T>(field: string): Stated<T> | undefined {
    return this.values.get(field) as Stated<T> | undefined;
  }

  has(field: string): boolean {
    return this.values.has(field);
  }

  drop(field: string): void {
    this.values.delete(field);
  }

  /** Fields under `prefix` ("module.final.") with their values, by the rest of their name. */
  under(prefix: string): Map<string, Stated<unknown>> {
    const found = new Map<string, Stated<unknown>>();
    for (const [field, stated] of this.values)
      if (field.startsWith(prefix)) found.set(field.slice(prefix.length), stated);
    return found;
  }

  fields(): Map<string, Stated<unknown>> {
    return new Map(this.values);
  }
}
