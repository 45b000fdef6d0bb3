import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedScratchDir } from './helpers/project-copy.js';
import { exampleRoot, runCli } from './helpers/run-cli.js';
import { sharedReferenceDir, warnWithoutReference } from './helpers/shared-reference.js';

/**
 * The example project must reproduce the real tracker it was taken from: the same
 * heading outline and every figure, except where the hand-kept tracker was wrong or vague and the
 * report now gives the exact figure (the point of trackgen). Each exception says why.
 */
warnWithoutReference('reference.test.ts');
const reference =
  sharedReferenceDir === undefined
    ? ''
    : readFileSync(join(sharedReferenceDir, 'PHASE_4_PROGRESS_TRACKER.md'), 'utf8');

const outline = (markdown: string) => markdown.split('\n').filter((line) => /^#{1,6} /.test(line));

/** Figures in a text: 69.22%, 2,413, 352/352, 589→585 parts, ~68 … as bare numbers. */
const figures = (text: string) =>
  [...text.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((match) => match[0].replaceAll(',', ''));

/** Splits a document into its `## ` sections, keyed by heading. */
function sections(markdown: string): Map<string, string> {
  const map = new Map<string, string>();
  let heading = '(top)';
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) heading = line;
    map.set(heading, `${map.get(heading) ?? ''}${line}\n`);
  }
  return map;
}

/** Figures of the reference that the exact data replaces, per section: [reference figure, why]. */
const replacedFigures: Record<string, Record<string, string>> = {
  '(top)': { '90': '"28/90+" is vague: the report counts the project modules exactly (93)' },
  '## Module Progress': {
    '628': 'sync.py "Lines: 628" contradicts its own missing line 638; the report wins',
  },
};

describe('default project against the reference tracker', () => {
  const outDir = sharedScratchDir('trackgen-reference-');
  let generated: string;
  beforeAll(async () => {
    const result = await runCli(['generate', '--out', outDir, '--quiet'], exampleRoot);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    generated = readFileSync(join(outDir, 'PHASE_4_PROGRESS_TRACKER.md'), 'utf8');
  });

  const withReference = it.skipIf(sharedReferenceDir === undefined);

  withReference('has the same heading outline', () => {
    expect(outline(generated)).toEqual(outline(reference));
  });

  withReference('shows every figure of each section of the reference in the same section', () => {
    const ours = sections(generated.replace(/<!--.*?-->/g, ''));
    const missing: string[] = [];
    for (const [heading, text] of sections(reference)) {
      const available = new Set(figures(ours.get(heading) ?? ''));
      for (const figure of new Set(figures(text))) {
        if (!available.has(figure) && replacedFigures[heading]?.[figure] === undefined)
          missing.push(`${heading}: ${figure}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('states the figures the reference only estimated exactly, from the report', () => {
    // One labelled count (the config's default, the campaign's) instead of the reference's guess.
    expect(generated).toContain('**Modules at TRUE 100%**: 28/31 (campaign count)');
    const budget = generated.slice(
      generated.indexOf('### Module 2: budget_manager.py'),
      generated.indexOf('### Module 3'),
    );
    expect(budget).toContain('- **Total Branches**: 68\n');
    const adminAuth = generated.slice(
      generated.indexOf('### Module 3: admin_auth.py'),
      generated.indexOf('### Module 4'),
    );
    expect(adminAuth).toContain('- **Total Branches**: 66\n');
    const sync = generated.slice(
      generated.indexOf('### Module 4: sync.py'),
      generated.indexOf('## Session Log'),
    );
    expect(sync).toContain('- **Lines**: 638\n');
    expect(sync).toContain('- Lines 628, 633, 638: Utility methods\n');
  });

  it('matches the committed example/docs/ (run npm run docs after changing data or templates)', () => {
    expect(generated).toBe(
      readFileSync(join(exampleRoot, 'docs/PHASE_4_PROGRESS_TRACKER.md'), 'utf8'),
    );
  });
});
