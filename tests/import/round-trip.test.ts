import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyDefaultProject } from '../helpers/project-copy.js';
import { repoRoot, runCli } from '../helpers/run-cli.js';

const fixturesDir = join(repoRoot, 'tests', 'fixtures', 'import');
const imported = [
  ['bold-labels', 70],
  ['bullets', 71],
  ['tables', 72],
] as const;

const words = (text: string) => text.match(/[\p{L}\p{N}]+/gu) ?? [];

describe('import, then generate --adopt', () => {
  it("the first generate after an import plus --adopt keeps the imported documents' words", async () => {
    const project = copyDefaultProject();
    try {
      const sessionsOut = join(project.dir, 'docs', 'sessions');
      mkdirSync(sessionsOut, { recursive: true });
      const names: string[] = [];
      for (const [fixture, number] of imported) {
        const name = `SESSION_${number}_SUMMARY.md`;
        cpSync(join(fixturesDir, fixture, 'input.md'), join(sessionsOut, name));
        names.push(join('docs', 'sessions', name));
      }
      const importing = await runCli(['import', ...names], project.dir);
      expect(importing.stderr).toBe('');
      expect(importing.code).toBe(0);

      const adopted = await runCli(['generate', '--adopt', '--quiet'], project.dir);
      expect(adopted.stderr).not.toMatch(/ error /u);
      expect(adopted.code).toBe(0);
      for (const [fixture, number] of imported) {
        const before = readFileSync(join(fixturesDir, fixture, 'input.md'), 'utf8');
        const after = readFileSync(join(sessionsOut, `SESSION_${number}_SUMMARY.md`), 'utf8');
        const left = new Set(words(after));
        expect(words(before).filter((word) => !left.has(word))).toEqual([]);
      }
      // And the documents are now trackgen's: a second run changes nothing.
      expect((await runCli(['check'], project.dir)).code).toBe(0);
    } finally {
      project.remove();
    }
  });

  it('reports mojibake in a document being adopted, and repairs it with --repair-encoding', async () => {
    const project = copyDefaultProject();
    try {
      const out = join(project.dir, 'docs');
      const first = await runCli(['generate', '--quiet'], project.dir);
      expect(first.code).toBe(0);
      const tracker = readdirSync(out).find((name) => name.startsWith('PHASE_')) ?? '';
      // A hand-written tracker whose emoji were once decoded as Windows-1252.
      writeFileSync(join(out, tracker), '# Phase 4 ðŸš€\n\nCafé notes âœ… kept.\n');
      const warned = await runCli(['generate', '--adopt', '--dry-run'], project.dir);
      expect(warned.stderr).toMatch(new RegExp(`${tracker}:1:11 {2}warning {2}mojibake {2}`, 'u'));
      const repaired = await runCli(['generate', '--adopt', '--repair-encoding'], project.dir);
      expect(repaired.code).toBe(0);
      const text = readFileSync(join(out, tracker), 'utf8');
      expect(text).toContain('Café notes ✅ kept.');
      expect(text).not.toContain('ðŸš€');
      rmSync(join(out, tracker));
    } finally {
      project.remove();
    }
  });

  it('validate warns where a data file holds mojibake', async () => {
    const project = copyDefaultProject();
    try {
      const file = join(project.dir, 'data', 'sessions', '054.json');
      const text = readFileSync(file, 'utf8').replace('"title": "', '"title": "ðŸš€ ');
      writeFileSync(file, text);
      const result = await runCli(['validate'], project.dir);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(
        /data\/sessions\/054\.json:\d+:\d+ {2}warning {2}mojibake {2}.*"ðŸš€" for "🚀"/u,
      );
    } finally {
      project.remove();
    }
  });
});
