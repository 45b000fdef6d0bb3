import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NewFileError, writeNewFiles } from '../../src/write/new-files.js';

describe('writeNewFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'trackgen-write-new-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the files, leaving no temporary file', async () => {
    await writeNewFiles([
      { path: join(dir, 'sessions', '080.json'), content: '{"number":80}\n' },
      { path: join(dir, 'sessions', '081.json'), content: '{"number":81}\n' },
    ]);
    expect(readdirSync(join(dir, 'sessions')).sort()).toEqual(['080.json', '081.json']);
    expect(readFileSync(join(dir, 'sessions', '081.json'), 'utf8')).toBe('{"number":81}\n');
  });

  it('refuses to replace an existing file, leaves it byte-identical and removes what it created', async () => {
    const existing = join(dir, '081.json');
    const bytes = Buffer.from('{"number": 81, "mine": "\u00e9"}\r\n', 'utf8');
    writeFileSync(existing, bytes);
    const attempt = writeNewFiles([
      { path: join(dir, '080.json'), content: '{"number":80}\n' },
      { path: existing, content: '{"number":81}\n' },
      { path: join(dir, '082.json'), content: '{"number":82}\n' },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(NewFileError);
    await expect(attempt).rejects.toMatchObject({ code: 'EEXIST', path: existing });
    expect(readFileSync(existing).equals(bytes)).toBe(true);
    // Nothing half-written: 080 (created before the failure) is gone, 082 never started.
    expect(readdirSync(dir)).toEqual(['081.json']);
  });
});
