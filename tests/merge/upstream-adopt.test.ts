import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeDocument, type MergeResult } from '../../src/merge/index.js';
import { copyDefaultProject } from '../helpers/project-copy.js';
import { exampleRoot, runCli } from '../helpers/run-cli.js';
import { sharedReferenceDir, warnWithoutReference } from '../helpers/shared-reference.js';
import { adoptionLosses } from './adoption-bytes.js';

/** Adoption of the campaign's real documents (not in the repository: see shared-reference.ts). */
const referenceDir =
  sharedReferenceDir === undefined ? undefined : join(sharedReferenceDir, 'upstream');
warnWithoutReference('upstream-adopt.test.ts');

/** Each real document, and where the default project renders the document of its kind. */
const documents = [
  ['PHASE_4_PROGRESS_TRACKER.md', 'PHASE_4_PROGRESS_TRACKER.md'],
  ['../PHASE_4_PROGRESS_TRACKER.md', 'PHASE_4_PROGRESS_TRACKER.md'],
  ['PHASE_3_PROGRESS_TRACKER.md', 'PHASE_4_PROGRESS_TRACKER.md'],
  ['SESSION_54_SUMMARY.md', 'sessions/SESSION_54_SUMMARY.md'],
  ['SESSION_55_SUMMARY.md', 'sessions/SESSION_54_SUMMARY.md'],
  ['SESSION_64_SUMMARY.md', 'sessions/SESSION_54_SUMMARY.md'],
  ['SESSION_68_SUMMARY.md', 'sessions/SESSION_54_SUMMARY.md'],
  ['LESSONS_LEARNED.md', 'LESSONS_LEARNED.md'],
] as const;

const errors = (result: MergeResult) =>
  result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');

describe.skipIf(referenceDir === undefined)('adopting the real upstream documents', () => {
  const renderings = new Map<string, string>();
  let outDir: string;
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'trackgen-upstream-'));
    const result = await runCli(['generate', '--out', outDir, '--quiet'], exampleRoot);
    expect(result.code).toBe(0);
    for (const [, output] of documents) {
      // A new file is the rendering plus its manifest line: without it, the rendering again.
      const created = readFileSync(join(outDir, output), 'utf8');
      renderings.set(output, created.replace(/\n<!-- trackgen:manifest [^\n]*-->\n$/, ''));
    }
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it.each(documents)('%s: no kind twice, every byte kept, check clean', async (name, output) => {
    const existing = readFileSync(join(referenceDir ?? '', name), 'utf8');
    const fresh = renderings.get(output) ?? '';
    const adopted = await mergeDocument({ path: output, existing, fresh, adopt: true });
    expect(errors(adopted)).toEqual([]);
    expect(adopted.diagnostics.map((diagnostic) => diagnostic.rule)).not.toContain(
      'duplicate-kind',
    );
    expect(adoptionLosses(existing, adopted)).toEqual([]);
    // One title: the rendering's title section took the document's own.
    const titles = (text: string) =>
      text.split('\n').filter((line, index, lines) => /^# /.test(line) && !inFence(lines, index));
    expect(titles(adopted.content ?? '')).toEqual(titles(existing));

    const check = await mergeDocument({ path: output, existing: adopted.content ?? '', fresh });
    expect(check.changed).toBe(false);
    expect(errors(check)).toEqual([]);

    const forced = await mergeDocument({
      path: output,
      existing: adopted.content ?? '',
      fresh,
      force: 'all',
    });
    const again = await mergeDocument({ path: output, existing: forced.content ?? '', fresh });
    expect(errors(forced)).toEqual([]);
    expect(again.changed).toBe(false);
  });

  it('generate --adopt then check exits 0 for each kind of document', async () => {
    const project = copyDefaultProject('trackgen-upstream-adopt-');
    try {
      for (const [name, output] of [documents[0], documents[3], documents[7]]) {
        const path = join(project.dir, 'docs', output);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, readFileSync(join(referenceDir ?? '', name)));
      }
      const generate = await runCli(['generate', '--adopt'], project.dir);
      expect(generate.stderr).not.toContain('duplicate-kind');
      expect(generate.code).toBe(0);
      const check = await runCli(['check'], project.dir);
      expect(check.code).toBe(0);
    } finally {
      project.remove();
    }
  });
});

function inFence(lines: readonly string[], index: number): boolean {
  return lines.slice(0, index).filter((line) => /^ {0,3}(```|~~~)/.test(line)).length % 2 === 1;
}
