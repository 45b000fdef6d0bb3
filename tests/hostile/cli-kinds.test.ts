/**
 * Hostile environments and arguments around the documents, through the CLI: bytes that are not
 * UTF-8, ids several documents share, symlinks and an outDir that lead where no document belongs.
 */
import {
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDirs, scratchProjects } from '../helpers/project-copy.js';
import { runCli } from '../helpers/run-cli.js';

const project = scratchProjects('trackgen-hostile-');
const scratch = scratchDirs('trackgen-outside-');
const TRACKER = 'docs/PHASE_4_PROGRESS_TRACKER.md';
const LESSONS = 'docs/LESSONS_LEARNED.md';

async function generatedProject(): Promise<string> {
  const dir = project();
  expect((await runCli(['generate', '-q'], dir)).code).toBe(0);
  return dir;
}

describe('bytes that are not UTF-8 are kept: the file is refused with their position', () => {
  it.each([
    ['Latin-1 "été"', Buffer.from([0xe9, 0x74, 0xe9])],
    ['a CESU-8 surrogate', Buffer.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80])],
  ])('%s outside any section', async (_, bad) => {
    const dir = await generatedProject();
    const path = join(dir, TRACKER);
    const original = readFileSync(path);
    const withBad = Buffer.concat([original, Buffer.from('\nNote: '), bad, Buffer.from('\n')]);
    writeFileSync(path, withBad);
    // Data changes, so the run would rewrite the tracker if it could.
    const record = join(dir, 'data/project.json');
    writeFileSync(
      record,
      readFileSync(record, 'utf8').replace(/"name": "([^"]+)"/, '"name": "$1 v2"'),
    );
    const result = await runCli(['generate', '-q'], dir);
    expect(result.code).toBe(1);
    const lines = original.toString('utf8').split('\n').length + 1;
    expect(result.stderr).toMatch(
      new RegExp(
        `${TRACKER}:${lines}:7 {2}error {2}encoding {2}expected UTF-8 text, found the byte 0x[0-9A-F]{2}`,
      ),
    );
    expect(readFileSync(path).equals(withBad)).toBe(true);
  });

  it('refuses a UTF-16 file on --adopt, leaving it as it is', async () => {
    const dir = project();
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('# Lessons\n\nMine.\n', 'utf16le'),
    ]);
    const path = join(dir, LESSONS);
    await runCli(['generate', '-q'], dir);
    writeFileSync(path, utf16);
    const result = await runCli(['generate', '--adopt', '-q'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${LESSONS}:1:1  error  encoding  expected UTF-8 text, found a UTF-16 byte-order mark`,
    );
    expect(readFileSync(path).equals(utf16)).toBe(true);
  });
});

describe('--force and accept act on one document per id', () => {
  it('refuses a bare id several documents have, and suggests FILE:ID', async () => {
    const dir = await generatedProject();
    const lessons = join(dir, LESSONS);
    writeFileSync(
      lessons,
      readFileSync(lessons, 'utf8').replace(
        '**Sessions with lessons**',
        '**Sessions with lessons (mine)**',
      ),
    );
    const before = readFileSync(lessons, 'utf8');
    const force = await runCli(['generate', '--force', 'overview', '-q'], dir);
    expect(force.code).toBe(2);
    expect(force.stderr).toContain(`--force ${TRACKER}:overview`);
    expect(force.stderr).toContain(`--force ${LESSONS}:overview`);
    expect(readFileSync(lessons, 'utf8')).toBe(before);
    const accept = await runCli(['accept', 'overview'], dir);
    expect(accept.code).toBe(2);
    expect(accept.stderr).toContain(`accept ${LESSONS}:overview`);

    const scoped = await runCli(['generate', '--force', `${TRACKER}:overview`, '-q'], dir);
    expect(scoped.code).toBe(0);
    expect(readFileSync(lessons, 'utf8')).toBe(before);
    const accepted = await runCli(['accept', `${LESSONS}:overview`], dir);
    expect(accepted.stdout).toContain(`accepted  ${LESSONS}: overview`);
    expect(accepted.code).toBe(0);
  });
});

describe('documents are written only inside the project, never in the data folder', () => {
  it('does not write through a symlink to a file outside the project', async () => {
    const dir = await generatedProject();
    const outside = join(scratch(), 'precious.md');
    writeFileSync(outside, readFileSync(join(dir, TRACKER), 'utf8').replace('Phase 4', 'Phase 4!'));
    const before = readFileSync(outside, 'utf8');
    unlinkSync(join(dir, TRACKER));
    symlinkSync(outside, join(dir, TRACKER));
    const result = await runCli(['generate', '-q'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`${TRACKER}:1:1 {2}error {2}output-path {2}expected a document path inside`),
    );
    expect(readFileSync(outside, 'utf8')).toBe(before);
  });

  it('refuses "outDir": "data" before writing anything', async () => {
    const dir = project();
    writeFileSync(join(dir, 'trackgen.config.json'), '{ "data": "data", "outDir": "data" }\n');
    const record = readFileSync(join(dir, 'data/project.json'), 'utf8');
    const result = await runCli(['generate', '--adopt', '-q'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'error  output-path  expected outDir to be a folder of its own inside the project',
    );
    expect(readFileSync(join(dir, 'data/project.json'), 'utf8')).toBe(record);
    expect(existsSync(join(dir, 'data/LESSONS_LEARNED.md'))).toBe(false);
  });

  it('with the data in the project\'s own folder ("data": "."), writes documents beside the records, never over them', async () => {
    const dir = project();
    for (const entry of ['project.json', 'coverage.xml', 'sessions'])
      renameSync(join(dir, 'data', entry), join(dir, entry));
    rmSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'trackgen.config.json'), '{ "data": ".", "outDir": "docs" }\n');
    const result = await runCli(['generate', '-q'], dir);
    expect(result.stderr).not.toContain('output-path');
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'docs/LESSONS_LEARNED.md'))).toBe(true);

    writeFileSync(join(dir, 'trackgen.config.json'), '{ "data": ".", "outDir": "sessions" }\n');
    const refused = await runCli(['generate', '-q'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'error  output-path  expected outDir to be a folder of its own',
    );
  });
});
