/**
 * The byte rule and the no-lost-save rule as properties: random bytes outside any section
 * survive a merge byte for byte or the file is refused (never replaced by U+FFFD), and a save
 * made between the run's read and its rename is never overwritten.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeDocument, wrapSection } from '../../src/merge/index.js';
import { decodeDocument } from '../../src/pipeline/read-document.js';
import { writeFilesAtomically } from '../../src/write/index.js';

const rendering = (figure: number): string =>
  `${wrapSection('title', '# Tracker\n')}\n\n${wrapSection('status', `Coverage: ${figure}%\n`)}\n`;

describe('bytes outside sections', () => {
  it('survive byte for byte, or the file is refused with the encoding rule', async () => {
    const created = await mergeDocument({
      path: 'doc.md',
      existing: undefined,
      fresh: rendering(1),
    });
    const generated = Buffer.from(created.content ?? '', 'utf8');
    const cut = generated.indexOf('\n\n') + 2;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 24 }), async (bytes) => {
        const person = Buffer.concat([
          generated.subarray(0, cut),
          bytes,
          Buffer.from('\n\n'),
          generated.subarray(cut),
        ]);
        const read = decodeDocument(person, 'doc.md');
        if (read.problem !== undefined) {
          expect(read.problem.rule).toBe('encoding');
          return;
        }
        const merged = await mergeDocument({
          path: 'doc.md',
          existing: read.text,
          fresh: rendering(2),
        });
        if (merged.content === null) return; // refused as a whole: nothing is written
        const written = Buffer.from(merged.content, 'utf8');
        expect(written.includes(Buffer.concat([bytes, Buffer.from('\n\n')]))).toBe(true);
        expect(
          written.subarray(0, cut + bytes.length).equals(person.subarray(0, cut + bytes.length)),
        ).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a save made while a run works', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('is never overwritten: the run writes its version beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trackgen-save-'));
    dirs.push(dir);
    const path = join(dir, 'doc.md');
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), fc.string(), async (read, saved, ours) => {
        rmSync(`${path}.trackgen-new`, { force: true });
        // The run read `read`; the person saved `saved` before the run came to write `ours`.
        writeFileSync(path, saved);
        const [outcome] = writeFilesAtomically([{ path, content: ours, expected: read }]);
        if (saved === read) {
          expect(readFileSync(path, 'utf8')).toBe(ours);
        } else {
          expect(readFileSync(path, 'utf8')).toBe(saved);
          if (saved !== ours) {
            expect(outcome?.status).toBe('changed-meanwhile');
            expect(readFileSync(`${path}.trackgen-new`, 'utf8')).toBe(ours);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
