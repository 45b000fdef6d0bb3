import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BADGE_COLOURS, coverageBadge, textWidth } from '../../src/coverage/index.js';
import { scratchProjects } from '../helpers/project-copy.js';
import { runCli } from '../helpers/run-cli.js';

const project = scratchProjects();

interface Svg {
  svg: {
    '@_width': string;
    '@_aria-label': string;
    title: string;
    g: { rect?: { '@_fill': string; '@_width': string }[]; text?: { '#text': string }[] }[];
  };
}

function parse(svg: string): Svg {
  // Its replacement (fast-xml-validator) is not a dependency; this validator still checks XML.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  expect(XMLValidator.validate(svg)).toBe(true);
  return new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => ['g', 'rect', 'text'].includes(name),
  }).parse(svg) as Svg;
}

const fill = (svg: Svg) => svg.svg.g[0]?.rect?.[1]?.['@_fill'];

describe('the coverage badge', () => {
  it('is well-formed SVG that states the figure, coloured by the goal', () => {
    const badge = parse(coverageBadge(69.22, { goal: 85 }));
    expect(badge.svg['@_aria-label']).toBe('coverage: 69%');
    expect(badge.svg.title).toBe('coverage: 69%');
    expect(badge.svg.g[1]?.text?.map((text) => text['#text'])).toEqual([
      'coverage',
      'coverage',
      '69%',
      '69%',
    ]);
    expect(fill(badge)).toBe(BADGE_COLOURS.near);
    expect(fill(parse(coverageBadge(91, { goal: 90 })))).toBe(BADGE_COLOURS.goal);
    expect(fill(parse(coverageBadge(100, { goal: 90 })))).toBe(BADGE_COLOURS.complete);
    expect(fill(parse(coverageBadge(40, { goal: 90 })))).toBe(BADGE_COLOURS.low);
    const unknown = parse(coverageBadge(undefined, { goal: 90 }));
    expect(unknown.svg['@_aria-label']).toBe('coverage: unknown');
    expect(fill(unknown)).toBe(BADGE_COLOURS.unknown);
  });

  it('never shows 100% unless complete (coverage.py rounding), and escapes its label', () => {
    expect(parse(coverageBadge(99.7, { goal: 90 })).svg['@_aria-label']).toBe('coverage: 99%');
    expect(parse(coverageBadge(50, { goal: 90, label: 'a<b & "c"' })).svg.title).toBe(
      'a<b & "c": 50%',
    );
  });

  it('is deterministic, and its width is the sum of the estimated text widths plus padding', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.integer({ min: 0, max: 100 }),
        (percent, goal) => {
          const svg = coverageBadge(percent, { goal });
          expect(coverageBadge(percent, { goal })).toBe(svg);
          const parsed = parse(svg);
          const value = parsed.svg['@_aria-label'].replace('coverage: ', '');
          expect(Number(parsed.svg['@_width'])).toBe(textWidth('coverage') + textWidth(value) + 20);
        },
      ),
      { numRuns: 50 },
    );
    expect(textWidth('100%')).toBeGreaterThan(textWidth('9%'));
  });
});

describe('outputs.badge in the config', () => {
  it('generate writes the badge from the report; check passes, then flags a changed report', async () => {
    const dir = project();
    const configPath = join(dir, 'trackgen.config.json');
    const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(configPath, JSON.stringify({ ...config, outputs: { badge: 'coverage.svg' } }));
    const generate = await runCli(['generate'], dir);
    expect(generate.code, generate.stderr).toBe(0);
    const badge = parse(readFileSync(join(dir, 'docs/coverage.svg'), 'utf8'));
    expect(badge.svg['@_aria-label']).toMatch(/^coverage: \d+%$/);
    expect((await runCli(['check'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'docs/coverage.svg'), '<svg/>');
    const check = await runCli(['check', '-q'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('docs/coverage.svg');
  });

  it('rejects a badge path that is not .svg, naming the config line', async () => {
    const dir = project();
    writeFileSync(
      join(dir, 'trackgen.config.json'),
      '{\n  "outputs": { "badge": "coverage.png" }\n}\n',
    );
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/trackgen\.config\.json:2:\d+ .*\.svg/);
  });
});
