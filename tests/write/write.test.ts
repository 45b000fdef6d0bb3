import { chmod, lstat, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wrapSection } from '../../src/merge/index.js';
import { unifiedDiff, writeFilesAtomically } from '../../src/write/index.js';
import { scratchDirs } from '../helpers/project-copy.js';

const emptyDir = scratchDirs('trackgen-write-');

describe('writeFilesAtomically', () => {
  it('writes only what differs, creates directories, leaves no temporary files', async () => {
    const directory = emptyDir();
    await writeFile(join(directory, 'same.md'), 'same\n');
    await writeFile(join(directory, 'old.md'), 'old\n');
    await chmod(join(directory, 'old.md'), 0o640);
    const outcomes = writeFilesAtomically([
      { path: join(directory, 'same.md'), content: 'same\n' },
      { path: join(directory, 'old.md'), content: 'new\n' },
      { path: join(directory, 'deep', 'er', 'new.md'), content: 'created\n' },
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['unchanged', 'written', 'written']);
    expect(await readFile(join(directory, 'old.md'), 'utf8')).toBe('new\n');
    expect((await stat(join(directory, 'old.md'))).mode & 0o777).toBe(0o640);
    expect(await readFile(join(directory, 'deep', 'er', 'new.md'), 'utf8')).toBe('created\n');
    expect((await readdir(directory)).sort()).toEqual(['deep', 'old.md', 'same.md']);
  });

  it('writes through a symlink and keeps the link', async () => {
    const directory = emptyDir();
    await writeFile(join(directory, 'target.md'), 'old\n');
    await symlink('target.md', join(directory, 'link.md'));
    writeFilesAtomically([{ path: join(directory, 'link.md'), content: 'new\n' }]);
    expect((await lstat(join(directory, 'link.md'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(directory, 'target.md'), 'utf8')).toBe('new\n');
  });

  it('fails without leaving a temporary file when a target cannot be written', async () => {
    const directory = emptyDir();
    await writeFile(join(directory, 'blocker'), 'a file, not a directory\n');
    expect(() =>
      writeFilesAtomically([{ path: join(directory, 'blocker', 'x.md'), content: 'x\n' }]),
    ).toThrow();
    expect(await readdir(directory)).toEqual(['blocker']);
  });

  it('keeps CRLF and a BOM exactly as given', async () => {
    const directory = emptyDir();
    const content = '\uFEFFa\r\nb  \r\n';
    writeFilesAtomically([{ path: join(directory, 'x.md'), content }]);
    expect(await readFile(join(directory, 'x.md'), 'utf8')).toBe(content);
  });
});

describe('unifiedDiff', () => {
  const before = `# T\n\n${wrapSection('module-progress', '| a | 40% |\n')}\n\nhand\n`;
  const after = `# T\n\n${wrapSection('module-progress', '| a | 55% |\n')}\n\nhand\n`;

  it('is empty when nothing changes', async () => {
    expect(await unifiedDiff('doc.md', before, before)).toBe('');
  });

  it('names the section and what caused a hunk', async () => {
    const diff = await unifiedDiff('doc.md', before, after, {
      describeSection: (id) =>
        id === 'module-progress' ? 'from data/sessions/054.json' : undefined,
    });
    const lines = diff.split('\n');
    expect(lines.slice(0, 2)).toEqual(['--- a/doc.md', '+++ b/doc.md']);
    expect(lines[2]).toBe('@@ -1,7 +1,7 @@ (section module-progress: from data/sessions/054.json)');
    expect(lines).toContain('-| a | 40% |');
    expect(lines).toContain('+| a | 55% |');
  });

  it('labels a hunk without a description by id, and leaves hand-text hunks unlabelled', async () => {
    const edited = after.replace('hand\n', 'hand, edited\n');
    const diff = await unifiedDiff('doc.md', before, edited, { context: 0 });
    const headers = diff.split('\n').filter((line) => line.startsWith('@@'));
    expect(headers).toEqual(['@@ -3,2 +3,2 @@ (section module-progress)', '@@ -7,1 +7,1 @@']);
  });

  it('diffs a new file against /dev/null', async () => {
    expect(await unifiedDiff('doc.md', undefined, 'a\nb\n')).toBe(
      '--- /dev/null\n+++ b/doc.md\n@@ -0,0 +1,2 @@\n+a\n+b\n',
    );
  });
});
