import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchStrength } from '../../src/merge/heading-match.js';
import { readOutline } from '../../src/merge/outline.js';
import { headingWords } from '../../src/merge/section-keys.js';
import { mergeDocument } from '../../src/merge/index.js';
import { adoptionLosses } from './adoption-bytes.js';
import { expandNotation } from './fixture-notation.js';

function rendered(source: string, id?: string) {
  const [heading] = readOutline(`${source}\n`).headings;
  if (heading === undefined) throw new Error(`not a heading: ${source}`);
  return headingWords(heading, id);
}

function written(source: string) {
  const [heading] = readOutline(`${source}\n`).headings;
  if (heading === undefined) throw new Error(`not a heading: ${source}`);
  return heading;
}

describe('matching a hand-written heading to a rendered one', () => {
  it.each([
    ['## Module Progress', '## Module Progress - Phase 4 Tier 2', 'words'],
    ['## Module Progress', '## 3. Module Progress', 'words'],
    ['## Module Progress', '## MODULE PROGRESS!!', 'words'],
    ['## Git Commits Log (Phase 4)', '## Git Commits Log (Phase 4 Tier 2)', 'words'],
    ['## 📈 Project Impact', '## 📊 Impact on Project', 'words'],
    ['## Coverage Achievements', '## Coverage Achievement', 'words'],
    ['## Progression des modules', '## 1. Progression des modules — « phase 2 » :', 'words'],
    ['## Journal des séances', '## Journal des seances :', 'words'],
    ['## 📊 Coverage: parser.py', '## 📊 Coverage Achievement', 'label'],
    ['## Cumulative Statistics (Phase 5)', '## Cumulative Statistics (Phase 4)', 'label'],
    ['# Lessons Learned - Parser Campaign', '# Lessons Learned - The Testing Journey', 'label'],
  ])('%s matches %s by %s', (ours, theirs, strength) => {
    expect(matchStrength(rendered(ours), written(theirs))).toBe(strength);
  });

  it('uses the per-section aliases', () => {
    expect(
      matchStrength(
        rendered('## 🔧 Technical Challenges Solved', 'challenges'),
        written('## 🔧 Technical Challenges & Solutions'),
      ),
    ).toBe('alias');
  });

  it.each([
    ['## 🧪 Test Suite', '### Test Suite', 'another level'],
    ['## Module Progress', '## Progress', 'a word missing'],
    ['## Module Progress', '## Modules', 'a different word'],
    ['## 📊 Coverage: parser.py', '## 🎯 Mission', 'nothing in common'],
  ])('%s does not match %s (%s)', (ours, theirs) => {
    expect(matchStrength(rendered(ours), written(theirs))).toBeUndefined();
  });
});

describe('the outline', () => {
  it('skips code blocks and reads setext headings', () => {
    const outline = readOutline('Title\n=====\n\n```\n# not a heading\n```\n\ntext\n\n## Real\n');
    expect(outline.headings.map((heading) => [heading.level, heading.text, heading.line])).toEqual([
      [1, 'Title', 1],
      [2, 'Real', 10],
    ]);
  });

  it('finds the footer: emphasis-led paragraphs after a rule after the last heading', () => {
    const text = '## Last\n\n- item\n\n---\n\n**Status**: done  \n**Next**: 5\n';
    expect(readOutline(text).footers.map((footer) => footer.line)).toEqual([7]);
    expect(readOutline('## Last\n\n---\n\n- **Status**: a list, no footer\n').footers).toEqual([]);
    expect(readOutline('---\n\n**Status**: before a heading\n\n## Later\n').footers).toEqual([]);
  });
});

describe('adopting the hand-written fixtures', () => {
  const root = join(import.meta.dirname, '..', 'fixtures', 'merge');
  const folders = readdirSync(root).filter(
    (name) =>
      name.startsWith('adopt-') &&
      !readFileSync(join(root, name, 'options.json'), 'utf8').includes('force'),
  );

  it.each(folders)('%s: every byte kept, no kind twice, a second run clean', async (name) => {
    const folder = join(root, name);
    const existing = readFileSync(join(folder, 'existing.md'), 'utf8');
    const fresh = expandNotation(readFileSync(join(folder, 'fresh.md'), 'utf8'));
    expect(existsSync(join(folder, 'expected.md'))).toBe(true);
    const adopted = await mergeDocument({ path: 'doc.md', existing, fresh, adopt: true });
    expect(adoptionLosses(existing, adopted)).toEqual([]);
    expect(
      adopted.diagnostics.filter((diagnostic) => diagnostic.rule === 'duplicate-kind'),
    ).toEqual([]);
    const check = await mergeDocument({ path: 'doc.md', existing: adopted.content ?? '', fresh });
    expect(check.changed).toBe(false);
    expect(check.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  });
});
