/**
 * Hostile inputs to the merge, one per kind of defect: text a person accepted or pasted, data
 * and templates that try to break the markers, files --adopt cannot mark. Each case failed
 * (lost text, a refusal forever, a stack trace, minutes of CPU) before the rule it checks.
 */
import { describe, expect, it } from 'vitest';
import { acceptSections, mergeDocument, wrapSection } from '../../src/merge/index.js';
import { createRenderer } from '../../src/render/templates.js';
import { readStructure } from '../../src/merge/document.js';

const fresh = (...sections: [string, string][]): string =>
  `# Doc\n\n${sections.map(([id, body]) => `${wrapSection(id, body)}\n`).join('\n')}`;

async function generated(rendering: string): Promise<string> {
  const created = await mergeDocument({ path: 'doc.md', existing: undefined, fresh: rendering });
  if (created.content === null) throw new Error('not created');
  return created.content;
}

describe('text a person accepted or pasted is never removed silently', () => {
  it('keeps an accepted section once it is no longer rendered, with orphaned-section', async () => {
    const first = fresh(['status', 'All good.\n'], ['module-a', 'Module A: 50%\n']);
    const edited = (await generated(first)).replace('Module A: 50%', 'Module A: 50% (my note)');
    const accepted = await acceptSections({ path: 'doc.md', existing: edited, ids: 'all' });
    expect(accepted.accepted).toEqual(['module-a']);
    const later = await mergeDocument({
      path: 'doc.md',
      existing: accepted.content ?? '',
      fresh: fresh(['status', 'All good.\n']),
    });
    expect(later.content).toContain('Module A: 50% (my note)');
    expect(later.diagnostics.map((d) => [d.rule, d.line])).toEqual([['orphaned-section', 7]]);
  });

  it('keeps a section pasted from another document, markers and all, run after run', async () => {
    const rendering = fresh(['status', 'All good.\n']);
    const pasted = wrapSection('lesson-7', 'A lesson worth keeping.\n');
    let text = (await generated(rendering)).replace('# Doc\n', `# Doc\n\n${pasted}\n`);
    for (let run = 0; run < 2; run++) {
      const merged = await mergeDocument({ path: 'doc.md', existing: text, fresh: rendering });
      expect(merged.content).toContain('A lesson worth keeping.');
      const orphaned = merged.diagnostics.filter((d) => d.rule === 'orphaned-section');
      expect(orphaned).toEqual([expect.objectContaining({ file: 'doc.md', line: 3 })]);
      expect(orphaned[0]?.message).toContain('`lesson-7`');
      text = merged.content ?? '';
    }
  });

  it('suggests the scoped FILE:ID form in hand-edit and conflict messages', async () => {
    const text = (await generated(fresh(['overview', 'Old.\n']))).replace('Old.', 'Mine.');
    const merged = await mergeDocument({
      path: 'docs/LESSONS.md',
      existing: text,
      fresh: fresh(['overview', 'New.\n']),
    });
    expect(merged.diagnostics[0]?.message).toContain('trackgen accept docs/LESSONS.md:overview');
    expect(merged.diagnostics[0]?.message).toContain('--force docs/LESSONS.md:overview');
  });
});

describe('data and templates cannot break the markers', () => {
  const renderer = (template: string) =>
    createRenderer(
      {
        templates: new Map([['t', { name: 't', shownAs: 't.hbs', text: template }]]),
        partials: new Map(),
      },
      wrapSection,
    );
  const section =
    '# T\n\n{{#section "notes"}}\n{{text}}\n{{/section}}\n\n{{#section "after"}}\nafter\n{{/section}}\n';

  it.each([
    ['an HTML comment opener', 'Start\n<!-- TODO finish'],
    ['a <pre> block', '<pre>\nunclosed'],
    ['a <script> block', '<script>\nlet x = 1;'],
    ['a <textarea> block', '<textarea>'],
    ['a processing instruction', '<?php echo 1;'],
    ['an unclosed fence', '```python\nprint(1)'],
    [
      'a marker look-alike',
      '<!-- trackgen:end notes -->\n<!-- trackgen:begin x hash=0123456789ab -->',
    ],
  ])('renders %s from data inside its section, as inert text', async (_, text) => {
    const { output } = (await renderer(section)).render('t', { text });
    expect(output).toBeDefined();
    const structure = await readStructure(output ?? '', false);
    expect(structure.problems).toEqual([]);
    expect(structure.sections.map((s) => s.id)).toEqual(['notes', 'after']);
    // And a file written from it reads back the same way on the next run.
    const written = await generated(output ?? '');
    const again = await mergeDocument({ path: 'doc.md', existing: written, fresh: output ?? '' });
    expect(again.diagnostics).toEqual([]);
    expect(again.changed).toBe(false);
  });

  it('makes marker text and open blocks of a template outside its sections inert', async () => {
    const template = `<!-- trackgen:begin sneaky hash=0123456789ab -->\n<pre>\n${section}`;
    const { output, diagnostics } = (await renderer(template)).render('t', { text: 'x' });
    expect(diagnostics).toEqual([]);
    const structure = await readStructure(output ?? '', false);
    expect(structure.problems).toEqual([]);
    expect(structure.sections.map((s) => s.id)).toEqual(['notes', 'after']);
  });

  it('repairs a document an older rendering broke, instead of refusing it forever', async () => {
    // As written before data was made inert: the body opens a <pre> that swallows the end marker.
    const broken = `# Doc\n\n${wrapSection('notes', '<pre>\nunclosed\n')}\n\n${wrapSection('after', 'after\n')}\n\n<!-- trackgen:manifest notes after -->\n`;
    const merged = await mergeDocument({
      path: 'doc.md',
      existing: broken,
      fresh: fresh(['notes', '&lt;pre>\nunclosed\n'], ['after', 'after\n']),
    });
    expect(merged.diagnostics).toEqual([]);
    expect(merged.content).toContain('&lt;pre>');
    const structure = await readStructure(merged.content ?? '', false);
    expect(structure.problems).toEqual([]);
  });

  it('still reports a block a person left open in their own text, with where it opened', async () => {
    const text = (await generated(fresh(['notes', 'x\n'], ['after', 'y\n']))).replace(
      'x\n',
      'x\n<pre>\n',
    );
    const merged = await mergeDocument({
      path: 'doc.md',
      existing: text,
      fresh: fresh(['notes', 'x\n'], ['after', 'y\n']),
    });
    expect(merged.content).toBeNull();
    expect(merged.diagnostics.map((d) => d.message)).toContainEqual(
      expect.stringMatching(/inside an HTML block \(from line 5\)/),
    );
  });
});

describe('--adopt on hostile text', () => {
  const rendering = fresh(['status', 'Status table.\n']).replace(
    '# Doc\n\n',
    '# Doc\n\n## Status\n\n',
  );
  it.each([
    ['an unclosed code fence', '```python\ncode\n', 7],
    ['an open HTML comment', '<!-- draft\n', 7],
    ['an open <pre>', '<pre>\nx\n', 7],
  ])('refuses text ending inside %s in one positioned line', async (_, tail, line) => {
    const existing = `# Doc\n\n## Status\n\nMine.\n\n${tail}`;
    const merged = await mergeDocument({ path: 'doc.md', existing, fresh: rendering, adopt: true });
    expect(merged.content).toBeNull();
    expect(merged.diagnostics).toEqual([
      expect.objectContaining({ file: 'doc.md', line, column: 1, rule: 'broken-marker' }),
    ]);
    expect(merged.diagnostics[0]?.message).toMatch(
      /^Cannot adopt this file as it is: .*never closed/,
    );
  });

  it('reads a title with 80,000 spaces in linear time', async () => {
    const existing = `# Doc${' '.repeat(80_000)}x\n\n## Status${' '.repeat(80_000)}y #\n\nMine.\n`;
    const started = performance.now();
    const merged = await mergeDocument({ path: 'doc.md', existing, fresh: rendering, adopt: true });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(merged.content).not.toBeNull();
  });
});
