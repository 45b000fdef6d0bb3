import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProjectData } from '../../src/data/load.js';
import { readTextFileSync } from '../../src/data/read-text-file.js';
import { copyDefaultProject, type ScratchDir } from '../helpers/project-copy.js';

const dirs: ScratchDir[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

describe('data files the run has already read', () => {
  it('are loaded as read, not read again: the data is what the fingerprint described', async () => {
    const project = copyDefaultProject();
    dirs.push(project);
    const record = join(project.dir, 'data/sessions/054.json');
    const asRead = Buffer.from(
      readFileSync(record, 'utf8').replace(
        '"total": 2413, "passing": 2413',
        '"total": 2420, "passing": 2420',
      ),
    );
    // Changed on disk after the fingerprint read it: the run still loads what it fingerprinted.
    writeFileSync(record, '{ "not": "this" }\n');
    const loaded = await loadProjectData(join(project.dir, 'data'), {
      cwd: project.dir,
      alreadyRead: new Map([[record, asRead]]),
    });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const session = loaded.data?.sessions.find((entry) => entry.session.number === 54)?.session;
    expect(session?.tests).toMatchObject({ total: 2420, passing: 2420 });
  });

  it('get the same checks as bytes read from disk: size and UTF-8', () => {
    expect(readTextFileSync('x.json', 'x.json', 4, Buffer.from('{"a":1}')).diagnostics).toEqual([
      expect.objectContaining({ file: 'x.json', rule: 'too-large', line: 1, column: 1 }),
    ]);
    const latin1 = Buffer.from([0x7b, 0x0a, 0x22, 0xe9, 0x22, 0x7d]);
    expect(readTextFileSync('x.json', 'x.json', undefined, latin1).diagnostics).toEqual([
      expect.objectContaining({ rule: 'encoding', line: 2, column: 2 }),
    ]);
    expect(readTextFileSync('x.json', 'x.json', undefined, Buffer.from('{}')).text).toBe('{}');
  });
});
