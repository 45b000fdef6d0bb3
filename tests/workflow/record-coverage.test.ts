import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { readCoverageReport } from '../../src/coverage/index.js';
import type { CoverageFigures } from '../../src/data/schema.js';
import type { SessionFigures } from '../../src/record/figures.js';
import { writeFigures, type Stage } from '../../src/record/write-figures.js';
import { scratchProjects } from '../helpers/project-copy.js';
import { exampleRoot, runCli } from '../helpers/run-cli.js';

const project = scratchProjects();

const SESSION_55 = 'data/sessions/055.json';
const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

describe('trackgen record-coverage', () => {
  it("stores the final figures of the session's modules and the project, as coverage.py shows them", async () => {
    const dir = project();
    const result = await runCli(['record-coverage', '--session', '55'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'recorded  final coverage of session 55 in data/sessions/055.json: project 69.22%, budget_manager 25.27%\n',
    );
    const report = readCoverageReport(join(exampleRoot, 'data/coverage.xml'));
    const budget = report.modules.find((module) => module.path.endsWith('budget_manager.py'));
    const record = JSON.parse(read(dir, SESSION_55)) as {
      modules: { final: CoverageFigures }[];
      projectCoverage: { final: number };
    };
    expect(record.modules[0]?.final).toEqual({
      percent: 25.27,
      statements: budget?.statements,
      missed: budget?.missed,
      branches: budget?.branches,
      coveredBranches: budget?.coveredBranches,
      partialBranches: budget?.partialBranches,
    });
    expect(record.projectCoverage.final).toBe(69.22);
    expect((await runCli(['validate'], dir)).code).toBe(0);
  });

  it("keeps every other byte: inserted keys follow the file's style (one-line objects, CRLF, tabs)", async () => {
    const dir = project();
    const original =
      '\uFEFF{\r\n\t"$schema": "../../schemas/session.schema.json",\r\n\t"number": 55, "phase": 4,\r\n\t"status": "planned",\r\n\t"modules": [ {"module":"budget_manager","outcome":"not-started",\r\n\t\t"start":{"percent":1,"statements":2}} ],\r\n\t"notes": "keep  me"\r\n}\r\n';
    writeFileSync(join(dir, SESSION_55), original);
    expect(
      (await runCli(['record-coverage', '--session', '55', '--stage', 'start'], dir)).code,
    ).toBe(0);
    expect(read(dir, SESSION_55)).toBe(
      '\uFEFF{\r\n\t"$schema": "../../schemas/session.schema.json",\r\n\t"number": 55, "phase": 4,\r\n\t"status": "planned",\r\n\t"modules": [ {"module":"budget_manager","outcome":"not-started",\r\n\t\t"start":{"percent":25.27,"statements":213,"missed":146,"branches":68,"coveredBranches":4,"partialBranches":4}} ],\r\n\t"projectCoverage": { "start": 69.22 },\r\n\t"notes": "keep  me",\r\n\t"captured": { "start": { "reportTime": "2025-11-24T18:42:17.318Z", "project": { "percent": 69.22, "statements": 13471, "missed": 4190, "branches": 3070, "coveredBranches": 2168, "partialBranches": 202 }, "true100": 28, "true100InReport": 28 } }\r\n}\r\n',
    );
    expect((await runCli(['record-coverage', '--session', '55'], dir)).code).toBe(0);
    expect(read(dir, SESSION_55)).toContain(
      '"start":{"percent":25.27,"statements":213,"missed":146,"branches":68,"coveredBranches":4,"partialBranches":4},\r\n\t\t"final":{ "percent": 25.27, "statements": 213, "missed": 146, "branches": 68, "coveredBranches": 4, "partialBranches": 4 }} ],\r\n\t"projectCoverage": { "start": 69.22, "final": 69.22 },',
    );
  });

  it('writes nothing when a module of the session is not in the report, and names the record line', async () => {
    const dir = project();
    const project55 = read(dir, 'data/project.json').replace(
      '"path": "app/services/budget_manager.py"',
      '"path": "app/services/gone.py"',
    );
    writeFileSync(join(dir, 'data/project.json'), project55);
    const before = read(dir, SESSION_55);
    const result = await runCli(['record-coverage', '--session', '55', 'data/coverage.xml'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^data\/sessions\/055\.json:6:27 {2}error {2}not-in-report {2}budget_manager: expected data\/coverage\.xml to list app\/services\/gone\.py, found no such file; nothing recorded\n/,
    );
    expect(read(dir, SESSION_55)).toBe(before);
  });

  it('says what is wrong in one line: no --session, no record, bad stage, unreadable report', async () => {
    const dir = project();
    for (const [argv, message] of [
      [[], 'expected --session N'],
      [
        ['--session', '99'],
        'no record for session 99: expected data/sessions/099.json (create it with trackgen new-session --number 99)',
      ],
      [['--session', '55', '--stage', 'middle'], '--stage expects start or final, found "middle"'],
      [['--session', '55', 'missing.xml'], 'missing.xml'],
    ] as const) {
      const result = await runCli(['record-coverage', ...argv], dir);
      // A report that cannot be read is a problem in the input (1); the rest are usage errors (2).
      expect(result.code, message).toBe(message === 'missing.xml' ? 1 : 2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(message);
    }
  });
});

// --- Property: whatever the formatting of a record, only the figures change. ---

const FIGURE_KEYS = [
  'percent',
  'statements',
  'missed',
  'branches',
  'coveredBranches',
  'partialBranches',
] as const;

const figuresArb: fc.Arbitrary<CoverageFigures> = fc.record({
  percent: fc.integer({ min: 0, max: 10_000 }).map((value) => value / 100),
  statements: fc.nat(5000),
  missed: fc.nat(5000),
  branches: fc.nat(2000),
  coveredBranches: fc.nat(2000),
  partialBranches: fc.nat(2000),
});

/** Serialises a value with the whitespace the generator picks between tokens, keys in the given order. */
function format(value: unknown, gaps: readonly string[]): string {
  let index = 0;
  const gap = () => gaps[index++ % gaps.length] ?? '';
  const walk = (current: unknown): string => {
    if (Array.isArray(current))
      return `[${gap()}${current.map((item) => `${walk(item)}${gap()}`).join(`,${gap()}`)}]`;
    if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current).map(
        ([key, item]) => `${JSON.stringify(key)}${gap()}:${gap()}${walk(item)}${gap()}`,
      );
      return `{${gap()}${entries.join(`,${gap()}`)}}`;
    }
    return JSON.stringify(current);
  };
  return `${gap()}${walk(value)}${gap()}`;
}

const shuffled = <T extends object>(value: T, order: readonly number[]): T => {
  const entries = Object.entries(value);
  return Object.fromEntries(
    entries
      .map((entry, index) => ({ entry, key: order[index % order.length] ?? 0 }))
      .sort((a, b) => a.key - b.key)
      .map(({ entry }) => entry),
  ) as T;
};

/** The text with every figure value cut out: what must not change. */
function skeleton(text: string, modules: number): string {
  const tree = parseTree(text) as Node;
  const nodes: Node[] = [];
  for (const stage of ['start', 'final']) {
    for (let index = 0; index < modules; index++)
      for (const key of FIGURE_KEYS)
        nodes.push(findNodeAtLocation(tree, ['modules', index, stage, key]) as Node);
    nodes.push(findNodeAtLocation(tree, ['projectCoverage', stage]) as Node);
  }
  let out = text;
  for (const node of nodes.sort((a, b) => b.offset - a.offset))
    out = `${out.slice(0, node.offset)}#${out.slice(node.offset + node.length)}`;
  return out;
}

describe('record-coverage edits by offsets', () => {
  it('changes only the figures, for any whitespace, line endings and key order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('', ' ', '  ', '\n', '\r\n', '\t', '\n    ', '\r\n\t\t'), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.array(fc.nat(20), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(figuresArb, figuresArb, figuresArb), { minLength: 1, maxLength: 3 }),
        fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 })),
        fc.constantFrom<Stage>('start', 'final'),
        fc.integer({ min: 0, max: 10_000 }),
        (gaps, order, modules, [start, final], stage, projectPercent) => {
          const record = shuffled(
            {
              $schema: '../../schemas/session.schema.json',
              number: 55,
              phase: 4,
              status: 'in-progress',
              modules: modules.map(([before, after], index) =>
                shuffled(
                  {
                    module: `m${index}`,
                    outcome: 'in-progress',
                    start: shuffled(before, order),
                    final: shuffled(after, order),
                    documentation: ['x'],
                  },
                  order,
                ),
              ),
              projectCoverage: shuffled({ start: start / 100, final: final / 100 }, order),
              notes: 'text with "quotes" and 1.5 numbers',
            },
            order,
          );
          const text = format(record, gaps);
          const figures: SessionFigures = {
            projectPercent: projectPercent / 100,
            modules: modules.map(([, , fresh], index) => ({
              index,
              id: `m${index}`,
              figures: fresh,
            })),
            missing: [],
          };
          const updated = writeFigures(text, figures, stage);

          expect(skeleton(updated, modules.length)).toBe(skeleton(text, modules.length));
          const expected = structuredClone(record);
          expected.modules.forEach((module, index) =>
            Object.assign(module[stage], modules[index]?.[2]),
          );
          expected.projectCoverage[stage] = projectPercent / 100;
          expect(JSON.parse(updated)).toEqual(expected);
          expect(Object.keys(JSON.parse(updated) as object)).toEqual(Object.keys(record));
        },
      ),
      { numRuns: 300 },
    );
  });
});
