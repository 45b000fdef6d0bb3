import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleIds } from '../../src/init/module-ids.js';
import { scratchDirs } from '../helpers/project-copy.js';
import { runBuiltCli, runCli } from '../helpers/run-cli.js';

const emptyDir = scratchDirs('trackgen-init-');

function write(dir: string, path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');
const projectJson = (dir: string) =>
  JSON.parse(read(dir, 'data/project.json')) as {
    coverageReport?: string;
    phases: { modules: unknown[] }[];
  };

function cobertura(source: string, files: Record<string, string>): string {
  const classes = Object.entries(files)
    .map(
      ([file, lines]) =>
        `<class name="${file}" filename="${file}" line-rate="0" branch-rate="0" complexity="0"><methods/><lines>${lines}</lines></class>`,
    )
    .join('\n');
  return `<?xml version="1.0" ?>
<coverage version="7.6.1" timestamp="1" lines-valid="0" lines-covered="0" line-rate="0" branches-valid="0" branches-covered="0" branch-rate="0" complexity="0">
<sources><source>${source}</source></sources>
<packages><package name="shop" line-rate="0" branch-rate="0" complexity="0"><classes>
${classes}
</classes></package></packages>
</coverage>
`;
}

const LINES =
  '<line number="1" hits="1"/><line number="2" hits="0"/><line number="3" hits="1" branch="true" condition-coverage="50% (1/2)" missing-branches="5"/><line number="5" hits="1"/>';

/** A Python repository: pyproject.toml, the package, its tests, and (optionally) a coverage report. */
function pythonRepo(options: { report?: boolean } = {}): string {
  const dir = emptyDir();
  write(dir, 'pyproject.toml', '[project]\nname = "shop"\nversion = "0.1.0"\n');
  write(dir, 'shop/__init__.py', '');
  for (const file of ['shop/cart.py', 'shop/api/cart.py', 'shop/pricing.py'])
    write(dir, file, 'x = 1\n');
  write(dir, 'tests/test_cart.py', 'def test(): pass\n');
  if (options.report !== false) {
    write(
      dir,
      'coverage.xml',
      cobertura(dir, {
        'shop/__init__.py': '',
        'shop/cart.py': LINES,
        'shop/api/cart.py': LINES,
        'shop/pricing.py': LINES,
      }),
    );
  }
  return dir;
}

describe('trackgen init', () => {
  it('finds coverage.xml and writes a config and a project.json that validates', async () => {
    const dir = pythonRepo();
    const result = await runCli(['init'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('found     coverage.xml\n');
    expect(result.stdout).toContain('created   trackgen.config.json (settings)\n');
    expect(result.stdout).toContain(
      'created   data/project.json (3 modules of coverage.xml in "Phase 1")\n',
    );
    expect(result.stdout).toMatch(
      /Next steps:\n {2}1\. .*\n.*trackgen validate\n {2}2\. .*trackgen new-session --module ID\n {2}3\. .*trackgen generate\n$/,
    );
    expect(read(dir, 'data/project.json')).toBe(`{
  "$schema": "../node_modules/trackgen/schemas/project.schema.json",
  "name": "shop",
  "coverageGoal": 90,
  "coverageReport": "../coverage.xml",
  "phases": [
    {
      "number": 1,
      "name": "Phase 1",
      "modules": [
        { "id": "api.cart", "path": "shop/api/cart.py" },
        { "id": "shop.cart", "path": "shop/cart.py" },
        { "id": "pricing", "path": "shop/pricing.py" }
      ]
    }
  ]
}
`);
    expect(JSON.parse(read(dir, 'trackgen.config.json'))).toEqual({
      $schema: 'node_modules/trackgen/schemas/config.schema.json',
      data: 'data',
      outDir: 'docs',
    });
    const validate = await runCli(['validate'], dir);
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
    expect(existsSync(join(dir, 'package.json'))).toBe(false);
  });

  it('without a report: says how to make one with pytest-cov, in one line, and writes nothing', async () => {
    const dir = pythonRepo({ report: false });
    const result = await runCli(['init'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(
      'trackgen init: no coverage report found (looked for coverage.xml and coverage.json in ., reports/, build/',
    );
    expect(result.stderr).toContain(
      '`pip install pytest-cov && pytest --cov=shop --cov-branch --cov-report=xml`, then run trackgen init again (or pass --report FILE)',
    );
    expect(existsSync(join(dir, 'trackgen.config.json'))).toBe(false);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('finds the report coverage.py is configured to write, and coverage.json in the usual folders', async () => {
    const configured = pythonRepo({ report: false });
    write(
      configured,
      'pyproject.toml',
      '[project]\nname = "shop"\n\n[tool.coverage.xml]\noutput = "out/cov.xml"\n',
    );
    write(configured, 'out/cov.xml', cobertura(configured, { 'shop/cart.py': LINES }));
    const first = await runCli(['init'], configured);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('found     out/cov.xml\n');
    expect(projectJson(configured).coverageReport).toBe('../out/cov.xml');

    const json = pythonRepo({ report: false });
    write(
      json,
      'reports/coverage.json',
      JSON.stringify({
        meta: { version: '7.6.1', branch_coverage: false, show_contexts: false },
        files: {
          'shop/cart.py': {
            executed_lines: [1],
            missing_lines: [2],
            excluded_lines: [],
            summary: {
              covered_lines: 1,
              num_statements: 2,
              percent_covered: 50,
              missing_lines: 1,
              excluded_lines: 0,
            },
          },
        },
        totals: {
          covered_lines: 1,
          num_statements: 2,
          percent_covered: 50,
          missing_lines: 1,
          excluded_lines: 0,
        },
      }),
    );
    const second = await runCli(['init'], json);
    // A report of statements only (no "num_branches"): the one warning is to add --cov-branch.
    expect(second.stderr).toBe(
      'warning: reports/coverage.json has no branch data: run pytest with --cov-branch (pytest --cov=PACKAGE --cov-branch --cov-report=xml)\n',
    );
    expect(second.stdout).toContain('found     reports/coverage.json\n');
    expect(projectJson(json).phases[0]?.modules).toEqual([{ id: 'cart', path: 'shop/cart.py' }]);
  });

  it('never overwrites an existing file: names it and keeps it byte for byte', async () => {
    const dir = pythonRepo();
    write(dir, 'trackgen.config.json', '{"outDir":"documentation"}');
    write(dir, 'data/project.json', '{ "mine": true }');
    const result = await runCli(['init'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('kept      trackgen.config.json (exists)\n');
    expect(result.stdout).toContain('kept      data/project.json (exists)\n');
    expect(read(dir, 'trackgen.config.json')).toBe('{"outDir":"documentation"}');
    expect(read(dir, 'data/project.json')).toBe('{ "mine": true }');
  });

  it('adds the docs script to package.json, keeping its formatting, and only once', async () => {
    const dir = pythonRepo();
    const original =
      '{\n    "name": "shop-tools",\n    "private": true,\n    "scripts": {\n        "lint": "eslint ."\n    },\n    "devDependencies": { "trackgen": "^0.1.0" }\n}\n';
    write(dir, 'package.json', original);
    const first = await runCli(['init'], dir);
    expect(first.stdout).toContain(
      'updated   package.json: added "docs": "trackgen generate" to "scripts"\n',
    );
    expect(read(dir, 'package.json')).toBe(
      original.replace(
        '"lint": "eslint ."',
        '"lint": "eslint .",\n        "docs": "trackgen generate"',
      ),
    );
    const second = await runBuiltCli(['init'], dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      'kept      package.json (already has "docs": "trackgen generate")\n',
    );

    const other = pythonRepo();
    write(other, 'package.json', '{ "name": "x", "scripts": { "docs": "mkdocs build" } }');
    expect((await runCli(['init'], other)).stdout).toContain(
      'kept      package.json (its "docs" script is "mkdocs build"; add trackgen generate to it yourself)\n',
    );
    const none = pythonRepo();
    write(none, 'package.json', '{ "name": "x" }\n');
    await runCli(['init'], none);
    expect(read(none, 'package.json')).toBe(
      '{ "name": "x", "scripts": { "docs": "trackgen generate" } }\n',
    );
  });

  it('takes --report and reports an unreadable one in one line (exit 1)', async () => {
    const dir = pythonRepo({ report: false });
    write(dir, 'elsewhere/report.xml', '<coverage><oops');
    const result = await runCli(['init', '--report', 'elsewhere/report.xml'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('elsewhere/report.xml');
    expect(existsSync(join(dir, 'trackgen.config.json'))).toBe(false);
  });
});

/** A Python with both coverage.py and pytest (Debian: python3-coverage, python3-pytest), if any. */
const pytestPython = ['python3', '/usr/bin/python3'].find(
  (python) =>
    spawnSync(python, ['-m', 'coverage', '--version']).status === 0 &&
    spawnSync(python, ['-m', 'pytest', '--version']).status === 0,
);
if (pytestPython === undefined)
  console.warn(
    'init.test.ts: SKIPPED the real pytest report — no python3 with both coverage and pytest (apt-get install python3-coverage python3-pytest)',
  );

describe('trackgen init on what pytest --cov measures', () => {
  it('leaves out installed packages, files outside the repository and tests, in one line', async () => {
    const dir = pythonRepo({ report: false });
    const installed = '/usr/lib/python3/dist-packages';
    write(
      dir,
      'coverage.xml',
      cobertura(dir, {
        'shop/cart.py': LINES,
        'shop/pricing.py': LINES,
        'tests/helpers.py': LINES,
        'tests/test_cart.py': LINES,
        'shop/cart_test.py': LINES,
        'conftest.py': LINES,
        [`${installed}/_pytest/main.py`]: LINES,
        '/home/someone/.local/lib/python3.11/site-packages/pluggy/_hooks.py': LINES,
        '/opt/elsewhere/tool.py': LINES,
      }),
    );
    const result = await runCli(['init'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'note: left out 7 files: 3 outside the repository or in site-packages, 4 tests; measure your package with pytest --cov=PACKAGE\n',
    );
    expect(result.stdout).toContain('created   data/project.json (2 modules of coverage.xml');
    const modules = projectJson(dir).phases[0]?.modules;
    expect(modules).toEqual([
      { id: 'cart', path: 'shop/cart.py' },
      { id: 'pricing', path: 'shop/pricing.py' },
    ]);
    // This report has branch data: no warning.
    expect(result.stderr).toBe('');
  });

  it('keeps a module the report names by its absolute path inside the repository', async () => {
    const dir = pythonRepo({ report: false });
    write(dir, 'coverage.xml', cobertura('', { [join(dir, 'shop/cart.py')]: LINES }));
    const result = await runCli(['init'], dir);
    expect(result.code).toBe(0);
    expect(projectJson(dir).phases[0]?.modules).toEqual([{ id: 'cart', path: 'shop/cart.py' }]);
  });

  it('a report of tests and installed packages only: says what to measure, writes nothing (exit 1)', async () => {
    const dir = pythonRepo({ report: false });
    write(
      dir,
      'coverage.xml',
      cobertura(dir, { 'tests/test_cart.py': LINES, '/usr/lib/python3/dist-packages/x.py': LINES }),
    );
    const result = await runCli(['init'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(
      'coverage.xml lists no module of this repository (left out 2 files: 1 outside the repository or in site-packages, 1 test; measure your package with pytest --cov=PACKAGE): measure your package with pytest --cov=PACKAGE --cov-branch --cov-report=xml',
    );
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it.skipIf(pytestPython === undefined)(
    'a real report of plain `coverage run -m pytest` (coverage.py 6.5): the package alone, and a warning to add --cov-branch',
    async () => {
      const dir = pythonRepo({ report: false });
      write(
        dir,
        'shop/cart.py',
        'def total(xs):\n    if xs:\n        return sum(xs)\n    return 0\n',
      );
      write(dir, 'tests/conftest.py', 'import pytest\n\nFIXTURE = 1\n');
      write(
        dir,
        'tests/test_cart.py',
        'from shop.cart import total\n\n\ndef test_total():\n    assert total([1]) == 1\n',
      );
      const python = pytestPython ?? 'python3';
      const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
      const ran = spawnSync(
        python,
        ['-m', 'coverage', 'run', '-m', 'pytest', '-q', '-p', 'no:cacheprovider'],
        {
          cwd: dir,
          env,
          encoding: 'utf8',
        },
      );
      expect(ran.status, ran.stdout + ran.stderr).toBe(0);
      const xml = spawnSync(python, ['-m', 'coverage', 'xml', '-o', 'coverage.xml'], {
        cwd: dir,
        env,
      });
      expect(xml.status).toBe(0);
      const result = await runCli(['init'], dir);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /note: left out \d+ files: \d+ outside the repository or in site-packages, 2 tests; measure your package with pytest --cov=PACKAGE\n/,
      );
      expect(result.stderr).toBe(
        'warning: coverage.xml has no branch data: run pytest with --cov-branch (pytest --cov=PACKAGE --cov-branch --cov-report=xml)\n',
      );
      const paths = (projectJson(dir).phases[0]?.modules as { path: string }[]).map((m) => m.path);
      // pricing.py never ran, so coverage.py does not list it; shop/__init__.py has no statements.
      expect(paths).toEqual(['shop/cart.py']);
    },
  );
});

describe('module ids', () => {
  it('uses the file name where unique, else the shortest unique dotted suffix, always a valid id', () => {
    expect(
      moduleIds([
        'app/services/billing.py',
        'app/api/users.py',
        'app/models/users.py',
        'app/2fa.py',
        'a/b/__init__.py',
        'c/b/__init__.py',
      ]),
    ).toEqual(['billing', 'api.users', 'models.users', '_2fa', 'a.b.__init__', 'c.b.__init__']);
  });
});

describe('adding the docs script', () => {
  it('leaves a package.json that npm would reject as it is', async () => {
    const { addDocsScript } = await import('../../src/init/files.js');
    expect(addDocsScript('{ "name": "shop", }')).toEqual({ status: 'invalid' });
    expect(addDocsScript('{ "name": "shop" // a comment\n}')).toEqual({ status: 'invalid' });
    expect(addDocsScript('{ "name": "shop" }')).toMatchObject({ status: 'added' });
  });
});
