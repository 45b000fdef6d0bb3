import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CoverageJson } from '../../src/coverage/index.js';
import { sharedScratchDir } from '../helpers/project-copy.js';
import { cliRunners, runCli } from '../helpers/run-cli.js';

/** Every bad report: exit 2, one line on stderr naming the file (and line:column), no stack. */
const dir = sharedScratchDir('trackgen-bad-');

const line = (number: number, hits: number) => `<line number="${number}" hits="${hits}"/>`;
const cobertura = (lines: string) =>
  `<?xml version="1.0" ?>\n<coverage version="7.0">\n<sources><source>/src</source></sources>\n<packages><package name="."><classes>\n<class name="a.py" filename="a.py"><methods/><lines>\n${lines}\n</lines></class>\n</classes></package></packages>\n</coverage>\n`;
const valid = cobertura([line(1, 1), line(2, 0)].join('\n'));

const cases: ReadonlyArray<readonly [string, string | Buffer, RegExp]> = [
  [
    'empty.xml',
    '',
    /^empty\.xml: the file is empty; trackgen reads Cobertura XML or coverage\.py JSON$/,
  ],
  ['blank.xml', '  \n\n', /^blank\.xml: the file is empty/],
  [
    'notes.txt',
    'hello, this is not a report\n',
    /^notes\.txt: expected XML or JSON, found text starting "hello, this is not a report ?"/,
  ],
  [
    'truncated.xml',
    valid.slice(0, valid.indexOf('</lines>') - 3),
    /^truncated\.xml:5:\d+: the file ends inside this <lines> element: expected <\/lines>, found the end of the file/,
  ],
  [
    'truncated-tag.xml',
    valid.slice(0, valid.indexOf('<class') + 20),
    /^truncated-tag\.xml:5:1: the file ends inside markup "<class nam.*expected its closing ">"/,
  ],
  [
    'truncated-root.xml',
    valid.slice(0, valid.indexOf('</coverage>')),
    /^truncated-root\.xml:\d+:\d+: the file ends before <\/coverage>/,
  ],
  [
    'lcov.info',
    'TN:\nSF:/src/a.c\nDA:1,1\nend_of_record\n',
    /^lcov\.info: this is an LCOV tracefile; trackgen reads Cobertura XML or coverage\.py JSON$/,
  ],
  [
    'jacoco.xml',
    '<?xml version="1.0"?>\n<!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">\n<report name="demo"><sessioninfo id="x" start="1" dump="2"/></report>\n',
    /^jacoco\.xml:3:1: this is a JaCoCo XML report \(root <report>\)/,
  ],
  [
    'clover.xml',
    '<?xml version="1.0"?>\n<coverage generated="1700000000" clover="4.4.1">\n<project timestamp="1"/></coverage>\n',
    /^clover\.xml:2:1: this is a Clover XML report/,
  ],
  [
    'mismatch.xml',
    '<coverage>\n<packages></package>\n</coverage>\n',
    /^mismatch\.xml:2:11: expected <\/packages>, found <\/package>$/,
  ],
  [
    'bad-number.xml',
    cobertura(`${line(1, 1)}\n<line number="one" hits="1"/>`),
    /^bad-number\.xml:7:15: expected a line number in number="…", found "one"$/,
  ],
  [
    'no-hits.xml',
    cobertura('<line number="3"/>'),
    /^no-hits\.xml:6:1: expected a hits attribute on <line>, found none$/,
  ],
  [
    'stray.xml',
    cobertura('<line number="1" hits="1"/><method name="x"/>'),
    /^stray\.xml:6:28: expected <line> inside <lines>, found "<method/,
  ],
  [
    'bad-attr.xml',
    '<coverage>\n<packages a=1></packages></coverage>',
    /^bad-attr\.xml:2:\d+: not well-formed XML: /,
  ],
  [
    'two-roots.xml',
    `${valid}<coverage/>\n`,
    /^two-roots\.xml:\d+:1: expected nothing after <\/coverage>, found another element <coverage>$/,
  ],
  [
    'other.json',
    '{"total": {"lines": {"pct": 50}}}',
    /^other\.json: this is an Istanbul JSON summary/,
  ],
  [
    'not-coverage.json',
    '{"name": "package"}',
    /^not-coverage\.json: this JSON is not a coverage\.py report/,
  ],
  ['broken.json', '{"files": {"a.py": ', /^broken\.json:1:\d+: not valid JSON/],
  [
    'wrong-shape.json',
    '{"meta": {}, "files": {"a.py": {"executed_lines": [1], "missing_lines": "2"}}}',
    /^wrong-shape\.json:1:\d+: expected "executed_lines" and "missing_lines" arrays/,
  ],
  [
    'billion-laughs.xml',
    `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, index) => ` <!ENTITY lol${index + 2} "${`&lol${index === 0 ? '' : index + 1};`.repeat(10)}">`).join('\n')}\n]>\n<coverage><sources><source>&lol10;</source></sources></coverage>\n`,
    /^billion-laughs\.xml:3:2: the DOCTYPE declares entities, which trackgen does not expand/,
  ],
  [
    'xxe.xml',
    '<?xml version="1.0"?>\n<!DOCTYPE coverage [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<coverage><sources><source>&xxe;</source></sources><packages/></coverage>\n',
    /^xxe\.xml:2:22: the DOCTYPE declares an external entity, which trackgen never reads/,
  ],
  [
    'huge-doctype.xml',
    `<!DOCTYPE coverage [ <!-- ${'x'.repeat(2 << 20)} -->`,
    /^huge-doctype\.xml:1:1: expected a short DOCTYPE, found one over 1 MiB$/,
  ],
  [
    'no-filename.xml',
    '<coverage>\n<packages><package><classes>\n  <class name="Foo"><lines/></class>\n</classes></package></packages></coverage>',
    /^no-filename\.xml:3:3: expected a filename attribute on every <class>, found a class without one \(class "Foo"\)$/,
  ],
  [
    'deep.xml',
    `<coverage><sources>${'<a>'.repeat(300)}${'</a>'.repeat(300)}</sources></coverage>`,
    /^deep\.xml: not a readable Cobertura document: Maximum nested tags exceeded$/,
  ],
  [
    'binary.dat',
    Buffer.from([0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x00, 0x01, 0x02]),
    /^binary\.dat: this is a binary file/,
  ],
];

describe('bad reports: one line, the file named, exit 1', () => {
  describe.each(cliRunners)('%s', (_, runner) => {
    it.each(cases)('%s', async (name, content, message) => {
      writeFileSync(join(dir, name), content);
      const result = await runner(['coverage', name], dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toMatch(/internal error|\bat .*:\d+:\d+\)/);
      expect(lines[0]?.replace(/^trackgen coverage: /, '')).toMatch(message);
    });
  });

  it('a missing file or a directory', async () => {
    expect((await runCli(['coverage', 'nope.xml'], dir)).stderr).toBe(
      'trackgen coverage: nope.xml: cannot read the report: no such file\n',
    );
    expect((await runCli(['coverage', '.'], dir)).stderr).toBe(
      'trackgen coverage: .: cannot read the report: it is a directory, expected a file\n',
    );
  });

  it('entities are never expanded, and a reference to an undeclared one stays as written', async () => {
    writeFileSync(
      join(dir, 'entity-ref.xml'),
      valid.replace('filename="a.py"', 'filename="a&amp;b&#46;py"'),
    );
    const result = await runCli(['coverage', 'entity-ref.xml', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as CoverageJson).modules[0]?.path).toBe('a&b.py');
  });

  it('deep nesting under <packages> is read without recursion', async () => {
    writeFileSync(
      join(dir, 'deep-packages.xml'),
      `<coverage><packages>${'<a>'.repeat(5000)}<class filename="x.py"><lines><line number="1" hits="1"/></lines></class>${'</a>'.repeat(5000)}</packages></coverage>`,
    );
    const result = await runCli(['coverage', 'deep-packages.xml', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as CoverageJson).totals).toMatchObject({
      statements: 1,
      missed: 0,
    });
  });

  it('a UTF-16 report (PowerShell redirection) is read', async () => {
    const text = valid.replace('<?xml version="1.0" ?>', '<?xml version="1.0" encoding="UTF-16"?>');
    writeFileSync(
      join(dir, 'utf16.xml'),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    );
    const result = await runCli(['coverage', 'utf16.xml', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as CoverageJson).totals).toMatchObject({
      statements: 2,
      missed: 1,
    });
  });

  it('bad options', async () => {
    writeFileSync(join(dir, 'ok.xml'), valid);
    expect((await runCli(['coverage', 'ok.xml', '--format', 'html'], dir)).stderr).toBe(
      'trackgen coverage: --format expects text, markdown or json, found "html"\n',
    );
    expect((await runCli(['coverage', 'ok.xml', '--precision', '12'], dir)).code).toBe(2);
    expect((await runCli(['coverage'], dir)).stderr).toMatch(/expected at least one REPORT file/);
    const unknown = await runCli(['coverage', 'ok.xml', '--module', 'zzz.py'], dir);
    expect(unknown).toMatchObject({
      code: 2,
      stderr:
        'trackgen coverage: --module "zzz.py": no such module in the report (expected a path, short name, path suffix or directory)\n',
    });
  });
});
