import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, type RuleId } from '../src/diagnostic-rules.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { repoRoot } from './helpers/run-cli.js';

interface DocumentedRule {
  readonly id: string;
  readonly doc: string;
  /** The row's Severity cell, when the table has that column. */
  readonly severity: string | undefined;
}

const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());

/** Every rule id in a table whose first column is headed "Rule", in every Markdown file of docs/. */
function documentedRules(): DocumentedRule[] {
  const docsDir = join(repoRoot, 'docs');
  const found: DocumentedRule[] = [];
  for (const doc of readdirSync(docsDir).filter((name) => name.endsWith('.md'))) {
    const lines = readFileSync(join(docsDir, doc), 'utf8').split('\n');
    lines.forEach((line, index) => {
      const separator = lines[index + 1] ?? '';
      if (!line.startsWith('|') || !/^\|[\s|:-]+\|$/.test(separator.trim())) return;
      const header = cells(line).map((cell) => cell.toLowerCase());
      if (header[0] !== 'rule') return;
      const severityColumn = header.indexOf('severity');
      for (let row = index + 2; lines[row]?.startsWith('|') === true; row++) {
        const rowCells = cells(lines[row] ?? '');
        for (const match of (rowCells[0] ?? '').matchAll(/`([^`]+)`/g))
          found.push({
            id: match[1] ?? '',
            doc,
            severity: severityColumn < 0 ? undefined : rowCells[severityColumn],
          });
      }
    });
  }
  return found;
}

describe('the rule registry', () => {
  const documented = documentedRules();
  const registered = Object.keys(RULES) as RuleId[];

  it('finds the rule tables of docs/ (the parser still matches their shape)', () => {
    expect(new Set(documented.map((rule) => rule.doc))).toEqual(
      new Set(Object.values(RULES).map((rule) => rule.doc)),
    );
  });

  it.each(registered)('documents `%s` in the doc the registry names', (id) => {
    const rows = documented.filter((rule) => rule.id === id && rule.doc === RULES[id].doc);
    expect(rows, `add a row for \`${id}\` to a Rule table of docs/${RULES[id].doc}`).not.toEqual(
      [],
    );
  });

  it('documents no rule id that the registry lacks', () => {
    const unknown = documented.filter((rule) => !(rule.id in RULES));
    expect(unknown).toEqual([]);
  });

  it("gives each rule the registry's severity where the table has a Severity column", () => {
    const mismatched = documented.filter(
      (rule) =>
        rule.id in RULES &&
        rule.severity !== undefined &&
        !rule.severity.includes(RULES[rule.id as RuleId].severity),
    );
    expect(mismatched).toEqual([]);
  });

  it('is what Diagnostic.rule accepts: an id not in it does not compile', () => {
    const diagnostic = (rule: Diagnostic['rule']): Diagnostic => ({
      file: 'data/project.json',
      line: 1,
      column: 1,
      severity: 'error',
      rule,
      message: 'm',
    });
    expect(diagnostic('syntax').rule).toBe('syntax');
    // @ts-expect-error -- checked by `tsc`: the registry has no such rule
    expect(diagnostic('no-such-rule').rule).toBe('no-such-rule');
  });
});
