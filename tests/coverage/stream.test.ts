import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReport, readRawReportBytes } from '../../src/coverage/index.js';

/**
 * The reader streams 64 KiB chunks: whatever the layout (attribute order, quotes, whitespace,
 * comments, children, elements cut at any chunk boundary), it must read what a document says.
 * Documents are generated together with the figures they describe.
 */
interface Line {
  readonly number: number;
  readonly hits: number;
  readonly branch?: { readonly taken: number; readonly total: number };
}

const lineArbitrary = fc.record({
  gap: fc.integer({ min: 1, max: 3 }),
  hits: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })),
  branch: fc.option(
    fc
      .integer({ min: 1, max: 4 })
      .chain((total) =>
        fc.record({ total: fc.constant(total), taken: fc.integer({ min: 0, max: total }) }),
      ),
    { nil: undefined },
  ),
  style: fc.integer({ min: 0, max: 5 }),
  pad: fc.string({ unit: fc.constantFrom(' ', '\n', '\t', '\r\n'), maxLength: 6 }),
});

function render(
  number: number,
  hits: number,
  branch: Line['branch'],
  style: number,
  pad: string,
): string {
  const attributes = [`number="${number}"`, `hits="${hits}"`];
  if (branch !== undefined)
    attributes.push(
      `branch="${style % 2 === 0 ? 'true' : 'True'}"`,
      `condition-coverage="${Math.floor((100 * branch.taken) / branch.total)}% (${branch.taken}/${branch.total})"`,
    );
  if (style === 3) attributes.reverse();
  const text = attributes
    .map((attribute) => (style === 4 ? attribute.replace(/"/g, "'") : attribute))
    .join(`${pad} `);
  if (style === 5)
    return `${pad}<line ${text}${pad}><conditions><condition number="0" type="jump" coverage="50%"/></conditions></line>`;
  if (style === 2)
    return `${pad}<!-- a comment > with <line number="9"/> inside -->${pad}<line ${text}/>`;
  return `${pad}<line ${text}${pad}/>`;
}

describe('chunked reading', () => {
  it('reads documents of several chunks exactly, wherever the chunk boundaries fall', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(lineArbitrary, { minLength: 300, maxLength: 500 }), {
          minLength: 8,
          maxLength: 12,
        }),
        (files) => {
          const expected = new Map<string, Line[]>();
          let body = '';
          files.forEach((lines, fileIndex) => {
            const path = `pkg/mod_${fileIndex}.py`;
            let number = 0;
            const model: Line[] = [];
            const rendered = lines.map(({ gap, hits, branch, style, pad }) => {
              number += gap;
              model.push(branch === undefined ? { number, hits } : { number, hits, branch });
              return render(number, hits, branch, style, pad);
            });
            expected.set(path, model);
            body += `<class name="m" filename="${path}" line-rate="1"><methods/><lines>${rendered.join('')}\n</lines></class>\n`;
          });
          const document = `<?xml version="1.0" ?>\n<coverage branch-rate="0.5"><sources><source>/src</source></sources><packages><package name="pkg"><classes>\n${body}</classes></package></packages></coverage>\n`;
          expect(document.length).toBeGreaterThan(64 * 1024);
          const report = buildReport(readRawReportBytes(Buffer.from(document), 'generated.xml'));
          for (const module of report.modules) {
            const model = expected.get(module.path) ?? [];
            const branches = model.filter((line) => line.branch !== undefined);
            expect(module.statements).toBe(model.length);
            expect(module.missingLines).toEqual(
              model.filter((line) => line.hits === 0).map((line) => line.number),
            );
            expect(module.branches).toBe(
              branches.reduce((sum, line) => sum + (line.branch?.total ?? 0), 0),
            );
            expect(module.coveredBranches).toBe(
              branches.reduce((sum, line) => sum + (line.branch?.taken ?? 0), 0),
            );
            expect(module.partialBranches).toBe(
              branches
                .filter((line) => line.hits > 0)
                .reduce(
                  (sum, line) => sum + (line.branch?.total ?? 0) - (line.branch?.taken ?? 0),
                  0,
                ),
            );
          }
          expect(report.modules).toHaveLength(files.length);
        },
      ),
      { numRuns: 25 },
    );
  });
});
