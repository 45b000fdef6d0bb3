import { join, relative, resolve } from 'node:path';
import { EXIT_OK, EXIT_PROBLEMS } from '../../exit-codes.js';
import { planInit } from '../../init/plan.js';
import { toSlashes } from '../../text/paths.js';
import { writeFilesAtomically } from '../../write/index.js';
import { createNewFile } from '../../write/new-files.js';
import type { Command } from '../command.js';
import { writeLine } from '../io.js';

export const initCommand: Command = {
  name: 'init',
  summary:
    'set trackgen up in a Python repository: config, data/project.json from the coverage report',
  help: `Usage: trackgen init [--report FILE] [--data DIR] [--out DIR]

Sets trackgen up in the current directory (your repository's root):

  - finds the coverage report: the output named in coverage.py's configuration
    (pyproject.toml, .coveragerc, setup.cfg, tox.ini), else coverage.xml or
    coverage.json in ., reports/, build/, coverage/, test-reports/, test-results/
    or htmlcov/; when there is none, it says how to produce one with pytest-cov
    (pytest --cov=PKG --cov-branch --cov-report=xml) and writes nothing;
  - writes trackgen.config.json and data/project.json listing every module of the
    report (files with statements) in one phase, "Phase 1", for you to split into
    phases, with "$schema" for completion in your editor; files outside the
    repository or under site-packages/dist-packages and tests (test_*.py, *_test.py,
    conftest.py, tests/) are left out, counted in one line;
  - warns when the report has no branch data (add --cov-branch): TRUE 100% needs it;
  - adds "docs": "trackgen generate" to the scripts of package.json, when there is
    one, keeping its formatting;
  - prints the next three steps.

An existing file is never overwritten: it is named and kept.

Options:
  --report FILE   the coverage report to list modules from (Cobertura XML or
                  coverage.py JSON)
  --data DIR      data directory to create (default: data)
  --out DIR       output directory for generated documents (default: docs)
  -h, --help      show this help

Exit codes: 0 set up (or already set up), 1 problems found (no coverage report
found, or the report cannot be read; nothing written), 2 usage or tool error.`,
  options: { report: { type: 'string' }, data: { type: 'string' }, out: { type: 'string' } },
  allowPositionals: false,
  async run(context, args) {
    const text = (name: string): string | undefined => {
      const value = args.values[name];
      return typeof value === 'string' ? value : undefined;
    };
    const report = text('report');
    const dataDir = text('data') ?? 'data';
    const outDir = text('out') ?? 'docs';
    const plan = planInit({
      root: context.cwd,
      dataDir,
      outDir,
      ...(report === undefined ? {} : { report: resolve(context.cwd, report) }),
    });
    if (!plan.ok) {
      writeLine(context.stderr, `trackgen init: ${plan.message}`);
      return EXIT_PROBLEMS;
    }
    const shown = (path: string) => toSlashes(relative(context.cwd, path));
    if (plan.report !== undefined) writeLine(context.stdout, `found     ${shown(plan.report)}`);
    for (const step of plan.steps) {
      if (step.kind === 'create') {
        const created = await createNewFile(step.path, step.content);
        writeLine(
          context.stdout,
          created
            ? `created   ${shown(step.path)} (${step.about})`
            : `kept      ${shown(step.path)} (exists)`,
        );
      } else if (step.kind === 'edit') {
        writeFilesAtomically([{ path: step.path, content: step.content }]);
        writeLine(context.stdout, `updated   ${shown(step.path)}: ${step.about}`);
      } else {
        writeLine(context.stdout, `kept      ${shown(step.path)} (${step.about})`);
      }
    }
    for (const note of plan.notes) writeLine(context.stdout, `note: ${note}`);
    for (const warning of plan.warnings) writeLine(context.stderr, `warning: ${warning}`);
    writeLine(
      context.stdout,
      `
Next steps:
  1. Group the modules of ${shown(join(context.cwd, dataDir, 'project.json'))} into phases (rename "Phase 1", split it,
     add risk and estimates), then check it: trackgen validate
  2. Start your first session: trackgen new-session --module ID
  3. Write the documents into ${shown(join(context.cwd, outDir))}/: trackgen generate`,
    );
    return EXIT_OK;
  },
};
