import { UsageError } from '../../diagnostics.js';
import type { Command } from '../command.js';
import { writeLines } from '../io.js';

const ACTIONS = ['install', 'uninstall', 'run'] as const;

export const hookCommand: Command = {
  name: 'hook',
  summary: 'install or remove the git pre-commit hook that keeps the docs in step with each commit',
  help: `Usage: trackgen hook install [--force]
       trackgen hook uninstall
       trackgen hook run

install    writes the git pre-commit hook (where git looks for hooks: core.hooksPath
           and worktrees are honoured). An existing pre-commit hook is kept beside
           it as pre-commit.trackgen-chained and runs first; its failure blocks the
           commit. Installing twice changes nothing.
uninstall  removes trackgen's hook and puts back the hook it replaced, unchanged.
run        what the hook runs: when the staged change touches data, templates, the
           config or the coverage report, renders the docs from the staged content
           and stages the documents that change. It blocks the commit (exit 1) on
           invalid data, on a hand edit that conflicts with the staged data, and on
           a document it would change that has unstaged edits. Otherwise exit 0 at
           once, without loading the rest of trackgen.

Options:
  --force     install: replace a trackgen hook that differs from this version's, or
              install into a folder husky manages
  -h, --help  show this help

From a subfolder, install and run work on the project whose trackgen.config.json
(or "trackgen" key in package.json) is in the nearest parent, up to the top.

Set-ups for the pre-commit framework, husky, simple-git-hooks and lefthook: docs/hooks.md.

Exit codes: 0 ok, 1 problems found (run: commit blocked by invalid staged data, a
missing or unreadable report, a conflict or unstaged edits; install/uninstall: refused,
the lines say why), 2 usage or tool error (not a git repository, not a project folder).`,
  options: { force: { type: 'boolean' } },
  allowPositionals: true,
  async run(context, args) {
    const [action, ...extra] = args.positionals;
    if (
      action === undefined ||
      !(ACTIONS as readonly string[]).includes(action) ||
      extra.length > 0
    ) {
      throw new UsageError(
        `expected one of ${ACTIONS.join(', ')}, found ${action === undefined ? 'nothing' : `"${args.positionals.join(' ')}"`} (see trackgen hook --help)`,
      );
    }
    if (args.values['force'] === true && action !== 'install')
      throw new UsageError(`--force applies to hook install only`);
    const git = { cwd: context.cwd, env: context.env };
    let outcome;
    if (action === 'run') outcome = await (await import('../../hook/run.js')).runHook(git);
    else {
      const { installHook, uninstallHook } = await import('../../hook/install.js');
      outcome =
        action === 'install'
          ? await installHook({ ...git, force: args.values['force'] === true })
          : await uninstallHook(git);
    }
    writeLines(context.stderr, outcome.stderr);
    writeLines(context.stdout, outcome.stdout);
    return outcome.code;
  },
};
