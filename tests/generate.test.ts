import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from 'markdownlint/promise';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { scratchProjects } from './helpers/project-copy.js';
import { exampleRoot, runBuiltCli, runCli } from './helpers/run-cli.js';

const project = scratchProjects();

const read = (dir: string, path: string) => readFileSync(join(dir, path), 'utf8');

function listDocs(dir: string): string[] {
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk('');
  return out.sort();
}

describe('trackgen generate', () => {
  it('renders every document, then changes no byte on a second run', async () => {
    const dir = project();
    const first = await runCli(['generate'], dir);
    // The copy is outside git: one warning for the commits without a hash, not one per commit.
    expect(first.stderr).toBe(
      'data/sessions/054.json:93:18  warning  git-history  expected git history to find the 4 commits without "hash", but not inside a git repository: they show as TBD (add "hash", or run trackgen in the repository)\n0 errors, 1 warning in 1 file\n',
    );
    expect(first.code).toBe(0);
    expect(listDocs(join(dir, 'docs'))).toEqual([
      'DAILY_PROMPT_TEMPLATE.md',
      'LESSONS_LEARNED.md',
      'PHASE_4_PROGRESS_TRACKER.md',
      'sessions/SESSION_54_SUMMARY.md',
    ]);
    expect(first.stdout).toContain('written   docs/PHASE_4_PROGRESS_TRACKER.md\n');
    expect(first.stdout).toContain('4 documents: 4 written, 0 unchanged\n');
    const before = listDocs(join(dir, 'docs')).map((path) => read(dir, `docs/${path}`));

    const second = await runBuiltCli(['generate'], dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('unchanged docs/PHASE_4_PROGRESS_TRACKER.md\n');
    expect(second.stdout).toContain('4 documents: 0 written, 4 unchanged\n');
    expect(listDocs(join(dir, 'docs')).map((path) => read(dir, `docs/${path}`))).toEqual(before);
    for (const content of before)
      expect(content.endsWith('\n') && !content.endsWith('\n\n')).toBe(true);
  });

  it('writes output that Prettier leaves unchanged and markdownlint finds structurally clean', async () => {
    const docs = listDocs(join(exampleRoot, 'docs')).filter((path) =>
      /^(PHASE_|LESSONS|DAILY|sessions\/)/.test(path),
    );
    expect(docs.length).toBeGreaterThanOrEqual(4);
    for (const path of docs) {
      const content = read(exampleRoot, `docs/${path}`);
      expect(await format(content, { parser: 'markdown' }), path).toBe(content);
    }
    // Line length is a style rule, and headings end in "!" where a person's title does.
    const results = await lint({
      files: docs.map((path) => join(exampleRoot, 'docs', path)),
      config: { default: true, MD013: false, MD026: false },
    });
    const problems = Object.entries(results).flatMap(([file, errors]) =>
      errors.map((error) => `${file}:${error.lineNumber} ${error.ruleNames.join('/')}`),
    );
    expect(problems).toEqual([]);
  });

  it('writes nothing while data is invalid, and lists every problem', async () => {
    const dir = project();
    writeFileSync(
      join(dir, 'data/sessions/056.json'),
      '{ "number": 56, "phase": 4, "status": "complete" }\n',
    );
    const session = read(dir, 'data/sessions/054.json').replace(
      '"created": 102',
      '"created": "102x"',
    );
    writeFileSync(join(dir, 'data/sessions/054.json'), session);
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /data\/sessions\/054\.json:\d+:\d+ {2}error {2}type {2}tests\.created: expected a whole number, got the string "102x"/,
    );
    expect(result.stderr).toContain('data/sessions/056.json:1:1  error  date-required');
    expect(result.stderr).toContain('nothing written');
    expect(existsSync(join(dir, 'docs'))).toBe(false);
  });

  it('prints the view model with --print-context', async () => {
    const result = await runCli(['generate', '--print-context'], exampleRoot);
    expect(result.code).toBe(0);
    const model = JSON.parse(result.stdout) as {
      trackers: {
        phase: number;
        context: { overall: { percent: number; true100Count: number } };
      }[];
    };
    expect(model.trackers[0]?.phase).toBe(4);
    expect(model.trackers[0]?.context.overall.true100Count).toBe(28);
    expect(model.trackers[0]?.context.overall.percent).toBeCloseTo((11449 / 16541) * 100, 6);
  });

  it('lets a same-named template or partial in the user templates directory override the built-in one', async () => {
    const dir = project();
    mkdirSync(join(dir, 'my-templates/partials'), { recursive: true });
    writeFileSync(
      join(dir, 'my-templates/partials/pattern.hbs'),
      '{{index}}. PATTERN {{inline name}}\n',
    );
    const result = await runCli(['generate', '--templates', 'my-templates'], dir);
    expect(result.code).toBe(0);
    const tracker = read(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md');
    expect(tracker).toContain('1. PATTERN Mock Built-ins\n');
    expect(tracker).not.toContain('**Mock Built-ins**');
  });

  it('names the template, line, column and field when a template misspells a field, and writes nothing', async () => {
    const dir = project();
    mkdirSync(join(dir, 'templates/partials'), { recursive: true });
    writeFileSync(
      join(dir, 'templates/partials/pattern.hbs'),
      '{{index}}. {{inline name}}\n{{descriptoin}}\n',
    );
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'templates/partials/pattern.hbs:2:3  error  template  expected a field the context has, found "descriptoin"',
    );
    expect(existsSync(join(dir, 'docs'))).toBe(false);
  });

  it('keeps a table intact and refuses forged markers whatever the data says', async () => {
    const dir = project();
    const session = JSON.parse(read(dir, 'data/sessions/054.json')) as {
      commits: { message: string }[];
      technicalWin: string;
    };
    session.commits[0] = { message: 'Fix a | b\nsecond line' };
    session.technicalWin = 'sneaky <!-- trackgen:end session-log --> text';
    writeFileSync(join(dir, 'data/sessions/054.json'), JSON.stringify(session, null, 2));
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(0);
    const tracker = read(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md');
    expect(tracker).toMatch(/\| TBD {4}\| Fix a \\\| b<br>second line +\| ⏳ Pending \|/);
    expect(tracker).toContain('sneaky &lt;!-- trackgen:end session-log --> text');
    expect(tracker.match(/<!-- trackgen:end session-log -->/g)).toHaveLength(1);
  });

  it('shows a module marked complete that is no longer at TRUE 100% as regressed, with a warning', async () => {
    const dir = project();
    const report = read(dir, 'data/coverage.xml');
    const start = report.indexOf('filename="app/services/ai_model_manager.py"');
    const hit = report.indexOf('hits="1"', start);
    writeFileSync(
      join(dir, 'data/coverage.xml'),
      `${report.slice(0, hit)}hits="0"${report.slice(hit + 'hits="1"'.length)}`,
    );
    // Counted as the report counts: files at TRUE 100% in it.
    const config = JSON.parse(read(dir, 'trackgen.config.json')) as Record<string, unknown>;
    writeFileSync(
      join(dir, 'trackgen.config.json'),
      JSON.stringify({ ...config, true100Count: 'report' }),
    );
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /data\/sessions\/054\.json:\d+:\d+ {2}warning {2}regressed {2}ai_model_manager\.py was marked complete in session 54 \(2025-11-24\) but is no longer at TRUE 100% in data\/coverage\.xml of \d{4}-\d\d-\d\d \(99\.\d\d%, 1 statement and 0 branches missed/,
    );
    const tracker = read(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md');
    expect(tracker).toContain('### Module 1: ai_model_manager.py ⚠️ REGRESSED');
    expect(tracker).toContain('**Modules at TRUE 100%**: 27/93 (files in the report)');
  });
});

describe('documents of your own', () => {
  it('get the project and the current phase besides the whole view model', async () => {
    const dir = project();
    mkdirSync(join(dir, 'templates'));
    writeFileSync(
      join(dir, 'templates/status.md.hbs'),
      '# {{project.name}}\n\nPhase {{current.phase.number}}: {{current.phase.modulesComplete}}/{{current.phase.modules}}; {{summaries.length}} summary\n',
    );
    writeFileSync(
      join(dir, 'trackgen.config.json'),
      JSON.stringify({ documents: [{ template: 'status.md', output: 'STATUS.md' }] }),
    );
    const result = await runCli(['generate', '-q'], dir);
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'docs/STATUS.md'), 'utf8')).toBe(
      '# AI Language Tutor App\n\nPhase 4: 1/4; 1 summary\n',
    );
  });
});

describe('hostile inputs end in one line each, never a stack trace', () => {
  it('closes a code fence that data left open, so later runs still find every section', async () => {
    const dir = project();
    const path = join(dir, 'data/sessions/054.json');
    const session = JSON.parse(readFileSync(path, 'utf8')) as { lessons: { solution: string }[] };
    session.lessons[0] = {
      ...session.lessons[0],
      solution: 'Patch it:\n\n```python\nwith patch("builtins.hasattr"):',
    };
    writeFileSync(path, JSON.stringify(session, null, 2));
    expect((await runCli(['generate', '-q'], dir)).code).toBe(0);
    const second = await runCli(['generate'], dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('4 documents: 0 written, 4 unchanged');
    expect((await runCli(['check'], dir)).code).toBe(0);
  });

  it('refuses outputs outside the output directory and two documents at one path', async () => {
    const dir = project();
    writeFileSync(
      join(dir, 'trackgen.config.json'),
      JSON.stringify({
        documents: [{ template: 'daily-prompt.md', output: '../data/sessions/056.json' }],
        outputs: { tracker: 'LESSONS_LEARNED.md' },
      }),
    );
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'trackgen.config.json:1:1  error  output-path  expected the output of daily-prompt.md to be a path inside the output directory, found "../data/sessions/056.json"',
    );
    expect(result.stderr).toContain(
      'error  output-path  expected one document per output path, found phase 4 and lessons both at "LESSONS_LEARNED.md"',
    );
    expect(existsSync(join(dir, 'docs'))).toBe(false);
    expect(existsSync(join(dir, 'data/sessions/056.json'))).toBe(false);
  });

  it('names a template that uses a section id twice', async () => {
    const dir = project();
    mkdirSync(join(dir, 'templates'));
    writeFileSync(
      join(dir, 'templates/lessons-learned.md.hbs'),
      '{{#section "a"}}x{{/section}}\n{{#section "a"}}y{{/section}}\n',
    );
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'templates/lessons-learned.md.hbs:1:1  error  template  expected a valid template, found an error: expected each section id once in a document, found "a" twice',
    );
  });

  it('reports a directory where a document should be, and writes the others', async () => {
    const dir = project();
    mkdirSync(join(dir, 'docs/LESSONS_LEARNED.md'), { recursive: true });
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'docs/LESSONS_LEARNED.md:1:1  error  unreadable  expected a Markdown file (or nothing) at this path, found a directory',
    );
    expect(existsSync(join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md'))).toBe(true);
  });

  it('is a usage error when the config is a directory or a named templates folder is missing', async () => {
    const dir = project();
    expect((await runCli(['generate', '--templates', 'nosuch'], dir)).stderr).toMatch(
      /^trackgen generate: templates directory not found: .*nosuch/,
    );
    rmSync(join(dir, 'trackgen.config.json'));
    mkdirSync(join(dir, 'trackgen.config.json'));
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^trackgen generate: expected trackgen\.config\.json to be a file, found a directory or special file: .*\n$/,
    );
  });

  it('renders with a report that lists none of the project modules, warning about each', async () => {
    const dir = project();
    writeFileSync(
      join(dir, 'other.json'),
      JSON.stringify({
        meta: { version: '7.6.1', branch_coverage: true },
        files: {},
        totals: {
          covered_lines: 0,
          num_statements: 0,
          percent_covered: 100,
          missing_lines: 0,
          excluded_lines: 0,
          num_branches: 0,
          num_partial_branches: 0,
          covered_branches: 0,
          missing_branches: 0,
        },
      }),
    );
    const result = await runCli(['generate', '--report', 'other.json'], dir);
    expect(result.stderr).not.toMatch(/ {2}error {2}/);
    expect(result.stderr).toContain('warning  not-in-report');
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md'), 'utf8')).toContain(
      '**Next Module**: budget_manager.py (not in the coverage report → 100.00%)',
    );
  });

  it('validate follows the config file and reports its mistakes', async () => {
    const dir = project();
    const { renameSync } = await import('node:fs');
    renameSync(join(dir, 'data'), join(dir, 'records'));
    writeFileSync(join(dir, 'trackgen.config.json'), '{ "data": "records" }');
    expect((await runCli(['validate'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'trackgen.config.json'), '{ "dat": "records" }');
    const result = await runCli(['validate'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'trackgen.config.json:1:3  error  unknown-key  dat: unknown key, did you mean "data"?',
    );
  });
});
