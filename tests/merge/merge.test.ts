import { describe, expect, it } from 'vitest';
import {
  acceptSections,
  hashBody,
  mergeDocument,
  sectionSpans,
  wrapSection,
} from '../../src/merge/index.js';

const render = (status: string, next = '- next\n'): string =>
  `# Tracker\n\n## Status\n\n${wrapSection('status', status)}\n\n## Next\n\n${wrapSection('next', next)}\n`;

async function created(fresh: string): Promise<string> {
  const result = await mergeDocument({ path: 'doc.md', existing: undefined, fresh });
  return result.content ?? '';
}

describe('wrapSection', () => {
  it('wraps a body in markers carrying the id and the hash of the LF body', () => {
    expect(wrapSection('status', 'a\nb')).toBe(
      `<!-- trackgen:begin status hash=${hashBody('a\nb\n')} (generated: edits here are kept but flagged) -->\na\nb\n<!-- trackgen:end status -->`,
    );
    expect(hashBody('a\r\nb\r\n')).toBe(hashBody('a\nb\n'));
    expect(hashBody('a\nb\n')).toMatch(/^[0-9a-f]{12}$/);
  });

  it('rejects an id that would not survive in a marker', () => {
    expect(() => wrapSection('two words', 'x')).toThrow(/Cannot wrap section with id "two words"/);
    expect(() => wrapSection('', 'x')).toThrow();
  });
});

describe('mergeDocument', () => {
  it('takes the fast path (no remark parse) when the file is as trackgen wrote it', async () => {
    const existing = await created(render('40%\n'));
    const result = await mergeDocument({ path: 'doc.md', existing, fresh: render('55%\n') });
    expect(result.fullParse).toBe(false);
    expect(result.updated).toEqual(['status']);
    expect(result.content).toContain('55%');
  });

  it('parses in full only when something could hide a marker, and then still merges', async () => {
    const fenced = (await created(render('40%\n'))).replace('## Next', '```\ncode\n```\n\n## Next');
    const closedFence = await mergeDocument({
      path: 'doc.md',
      existing: fenced,
      fresh: render('55%\n'),
    });
    expect(closedFence.fullParse).toBe(false);
    expect(closedFence.content).toContain('```\ncode\n```\n\n## Next');

    const mention = '- wrap with `<!-- trackgen:begin x -->`\n\n';
    const existing = (await created(render('40%\n'))).replace('## Next', `${mention}## Next`);
    const result = await mergeDocument({ path: 'doc.md', existing, fresh: render('55%\n') });
    expect(result.fullParse).toBe(true);
    expect(result.diagnostics).toEqual([]);
    expect(result.content).toContain(`${mention}## Next`);
    expect(result.content).toContain('55%');
  });

  it('treats a whitespace-only file as absent', async () => {
    const result = await mergeDocument({ path: 'doc.md', existing: '\n\n', fresh: render('1\n') });
    expect(result.content).toBe(await created(render('1\n')));
  });

  it('does not re-add a section whose markers were deleted, even with its id forced', async () => {
    const existing = (await created(render('40%\n')))
      .replace(/<!-- trackgen:(begin|end) status[^\n]*\n/g, '')
      .replace('40%', '40% — mine now');
    const result = await mergeDocument({
      path: 'doc.md',
      existing,
      fresh: render('55%\n'),
      force: new Set(['status']),
    });
    expect(result.content).not.toContain('55%');
    expect(result.content).toContain('40% — mine now');
    expect(result.sections).toContainEqual({ id: 'status', status: 'released', line: 0 });
    expect(result.diagnostics.map((diagnostic) => diagnostic.rule)).toEqual(['unknown-section']);
  });

  it('re-adds a released section once its id is removed from the manifest', async () => {
    const existing = (await created(render('40%\n')))
      .replace(/<!-- trackgen:(begin|end) status[^\n]*\n/g, '')
      .replace('manifest status next', 'manifest next');
    const result = await mergeDocument({ path: 'doc.md', existing, fresh: render('55%\n') });
    expect(result.sections).toContainEqual({ id: 'status', status: 'inserted', line: 0 });
    expect(result.content?.match(/trackgen:begin status/g)).toHaveLength(1);
  });

  it("reports the conflict diff from the person's text to the new rendering", async () => {
    const existing = (await created(render('40%\n'))).replace('40%\n', '40% (mine)\n');
    const result = await mergeDocument({ path: 'notes/doc.md', existing, fresh: render('55%\n') });
    expect(result.conflicts).toEqual([
      {
        sectionId: 'status',
        line: 5,
        diff: '--- notes/doc.md (section status, as edited)\n+++ notes/doc.md (section status, new rendering)\n@@ -1,1 +1,1 @@\n-40% (mine)\n+55%\n',
      },
    ]);
    expect(result.diagnostics).toMatchObject([
      { file: 'notes/doc.md', line: 5, column: 1, severity: 'error', rule: 'conflict' },
    ]);
  });
});

describe('adoption', () => {
  const handWritten =
    '---\ntitle: Tracker\n---\n# Tracker\r\n\r\nIntro *by hand*.  \r\n\r\n## STATUS 📊\r\n\r\n| m  |  c |\r\n|----|---:|\r\n| a  | 1% |\r\n\r\n## Mine\r\n\r\n+ kept\r\n\r\n## Next\r\n\r\n1) old step\r\n';

  it('only adds marker lines: every byte of the hand-written file is still there, in order', async () => {
    const result = await mergeDocument({
      path: 'doc.md',
      existing: handWritten,
      fresh: render('40%\n'),
      adopt: true,
    });
    expect(result.content).not.toBeNull();
    const withoutMarkers = (result.content ?? '')
      .split(/(?<=\n)/)
      .filter((line) => !line.startsWith('<!-- trackgen:'))
      .join('')
      .replace(/\r\n\r\n$/, '\r\n');
    expect(withoutMarkers).toBe(handWritten);
    expect(result.sections.map((section) => [section.id, section.status])).toEqual([
      ['status', 'hand-edited'],
      ['next', 'hand-edited'],
    ]);
  });

  it('takes the rendering for adopted sections with --force, and keeps the rest', async () => {
    const result = await mergeDocument({
      path: 'doc.md',
      existing: handWritten,
      fresh: render('40%\n'),
      adopt: true,
      force: 'all',
    });
    expect(result.content).toContain('40%\r\n');
    expect(result.content).not.toContain('| a  | 1% |');
    expect(result.content).toContain('## Mine\r\n\r\n+ kept\r\n');
    expect(result.content).toContain('Intro *by hand*.  \r\n');
  });
});

describe('acceptSections', () => {
  it('makes a hand edit the baseline: no longer reported, but a later data change conflicts', async () => {
    const existing = (await created(render('40%\n'))).replace('40%\n', '40% (mine)\n');
    const accepted = await acceptSections({ path: 'doc.md', existing, ids: new Set(['status']) });
    expect(accepted.accepted).toEqual(['status']);
    expect(accepted.content).toContain(
      `hash=${hashBody('40%\n')} text=${hashBody('40% (mine)\n')}`,
    );

    const same = await mergeDocument({
      path: 'doc.md',
      existing: accepted.content ?? '',
      fresh: render('40%\n'),
    });
    expect(same.diagnostics).toEqual([]);
    expect(same.changed).toBe(false);

    const later = await mergeDocument({
      path: 'doc.md',
      existing: accepted.content ?? '',
      fresh: render('55%\n'),
    });
    expect(later.diagnostics.map((diagnostic) => diagnostic.rule)).toEqual(['conflict']);
    expect(later.content).toContain('40% (mine)');
  });

  it('resolves a conflict when given the current rendering', async () => {
    const existing = (await created(render('40%\n'))).replace('40%\n', '40% (mine)\n');
    const accepted = await acceptSections({
      path: 'doc.md',
      existing,
      ids: 'all',
      fresh: render('55%\n'),
    });
    const merged = await mergeDocument({
      path: 'doc.md',
      existing: accepted.content ?? '',
      fresh: render('55%\n'),
    });
    expect(merged.diagnostics).toEqual([]);
    expect(merged.content).toBe(accepted.content);
  });

  it('goes back to a plain marker when the person reverted to the rendering', async () => {
    const original = await created(render('40%\n'));
    const edited = original.replace('40%\n', '40% (mine)\n');
    const accepted = await acceptSections({ path: 'doc.md', existing: edited, ids: 'all' });
    const reverted = (accepted.content ?? '').replace('40% (mine)\n', '40%\n');
    const again = await acceptSections({ path: 'doc.md', existing: reverted, ids: 'all' });
    expect(again.content).toBe(original);
  });

  it('reports an unknown id and refuses a broken file', async () => {
    const existing = await created(render('40%\n'));
    const unknown = await acceptSections({ path: 'doc.md', existing, ids: new Set(['nope']) });
    expect(unknown.diagnostics).toMatchObject([{ rule: 'unknown-section', severity: 'error' }]);
    expect(unknown.changed).toBe(false);
    const broken = await acceptSections({
      path: 'doc.md',
      existing: existing.replace('<!-- trackgen:end next -->', ''),
      ids: 'all',
    });
    expect(broken.content).toBeNull();
    expect(broken.diagnostics[0]?.rule).toBe('broken-marker');
  });
});

describe('sectionSpans', () => {
  it('gives the marker lines of each section', () => {
    expect(sectionSpans(render('a\nb\n'))).toEqual([
      { id: 'status', startLine: 5, endLine: 8 },
      { id: 'next', startLine: 12, endLine: 14 },
    ]);
  });
});
