/**
 * Every command finds the project's config from any folder inside it: trackgen.config.json (or
 * package.json's "trackgen" key) in the working directory or a parent, up to the repository's
 * top, like git and Prettier. A config above the repository is not the repository's.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, git, gitEnv, initRepo } from '../helpers/git-repo.js';
import { scratchDirs, scratchProjects } from '../helpers/project-copy.js';
import { exampleRoot, runCli } from '../helpers/run-cli.js';

const project = scratchProjects();
const scratch = scratchDirs();

const TRACKER = 'docs/PHASE_4_PROGRESS_TRACKER.md';

/** A copy of the default project as a git repository of its own, and its data/sessions folder. */
function repoProject(): { dir: string; sessions: string } {
  const dir = project();
  initRepo(dir);
  return { dir, sessions: join(dir, 'data/sessions') };
}

describe('trackgen run from a subfolder of a project', () => {
  it('validate, generate, check and accept use the config above and show paths from the cwd', async () => {
    const { dir, sessions } = repoProject();
    const validate = await runCli(['validate'], sessions);
    expect(validate).toMatchObject({ code: 0, stderr: '' });
    expect(validate.stdout).toContain('valid: project.json and 2 session records');

    const generate = await runCli(['generate'], sessions);
    expect(generate.stderr).toBe('');
    expect(generate.code).toBe(0);
    // Written where the config says (docs/ beside it), named from where the command ran.
    expect(existsSync(join(dir, TRACKER))).toBe(true);
    expect(existsSync(join(sessions, 'docs'))).toBe(false);
    expect(generate.stdout).toContain(`../../${TRACKER}`);

    expect(await runCli(['check'], sessions)).toMatchObject({ code: 0, stderr: '' });
    const accept = await runCli(['accept', 'session-log'], sessions);
    expect(accept.stderr).not.toMatch(/not found|trackgen init/);
    expect(accept.code).toBe((await runCli(['accept', 'session-log'], dir)).code);
  });

  it('new-session and record-coverage write into the data folder the config names', async () => {
    const { dir, sessions } = repoProject();
    const recorded = await runCli(['record-coverage', '--session', '55'], sessions);
    expect(recorded.stderr).toBe('');
    expect(recorded).toMatchObject({ code: 0 });
    expect(recorded.stdout).toContain('final coverage of session 55 in 055.json');

    const created = await runCli(
      ['new-session', '--number', '56', '--date', '2025-11-25'],
      sessions,
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(existsSync(join(dir, 'data/sessions/056.json'))).toBe(true);
    expect(existsSync(join(sessions, 'data'))).toBe(false);
  });

  it('coverage reads the reports it is given, relative to the cwd: no config involved', async () => {
    const { sessions } = repoProject();
    const result = await runCli(['coverage', '../coverage.xml'], sessions);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^TOTAL /m);
  });

  it('finds package.json\'s "trackgen" key the same way', async () => {
    const { dir, sessions } = repoProject();
    const config = readFileSync(join(dir, 'trackgen.config.json'), 'utf8');
    rmSync(join(dir, 'trackgen.config.json'));
    writeFileSync(
      join(dir, 'package.json'),
      `{ "name": "tutor", "private": true, "trackgen": ${config.replace('"./schemas', '"./node_modules/trackgen/schemas')} }\n`,
    );
    const generate = await runCli(['generate'], sessions);
    expect(generate).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(join(dir, 'docs/DAILY_PROMPT_TEMPLATE.md'))).toBe(true);
  });

  it('names the config above in its problems and never suggests trackgen init in a subfolder', async () => {
    const { dir, sessions } = repoProject();
    writeFileSync(join(dir, 'trackgen.config.json'), '{ "outDir": 3 }\n');
    const broken = await runCli(['validate'], sessions);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^\.\.\/\.\.\/trackgen\.config\.json:1:13 {2}error/m);

    writeFileSync(join(dir, 'trackgen.config.json'), '{ "data": "records" }\n');
    const missing = await runCli(['generate'], sessions);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'trackgen generate: data directory not found: ../../records (set "data" in ../../trackgen.config.json, or pass --data DIR)\n',
    );
  });

  it('the hook run by hand from a subfolder regenerates and stages the project above', async () => {
    const { dir, sessions } = repoProject();
    expect((await runCli(['generate', '-q'], dir)).code).toBe(0);
    commitAll(dir, 'The project and its docs');
    const record = join(sessions, '054.json');
    writeFileSync(
      record,
      readFileSync(record, 'utf8').replace(
        '"timeInvested": "~8-10 hours"',
        '"timeInvested": "~9 hours"',
      ),
    );
    git(dir, 'add', 'data/sessions/054.json');
    const hook = await runCli(['hook', 'run'], sessions, gitEnv());
    expect(hook.stderr).toBe('');
    expect(hook.code).toBe(0);
    expect(hook.stdout).toContain(`regenerated from the staged data and staged ${TRACKER}`);
    expect(git(dir, 'diff', '--cached', '--name-only')).toContain(TRACKER);
    expect(git(dir, 'show', `:${TRACKER}`)).toContain('~9 hours');
  });
});

describe('trackgen and a config above the repository', () => {
  it('is not used: the search stops at the folder holding .git (directory or file)', async () => {
    const outer = scratch();
    writeFileSync(join(outer, 'trackgen.config.json'), '{ "data": "elsewhere", "outDir": 3 }\n');
    for (const dotGit of ['directory', 'file'] as const) {
      const inner = join(outer, `repo-${dotGit}`);
      mkdirSync(join(inner, 'sub'), { recursive: true });
      if (dotGit === 'directory') initRepo(inner);
      // A worktree or submodule has a .git file that names the git directory.
      else writeFileSync(join(inner, '.git'), 'gitdir: /nowhere\n');
      mkdirSync(join(inner, 'data'));
      for (const file of ['project.json', 'coverage.xml'])
        writeFileSync(join(inner, 'data', file), readFileSync(join(exampleRoot, 'data', file)));

      // At the top: today's defaults, relative to the cwd.
      const atTop = await runCli(['validate'], inner);
      expect(atTop).toMatchObject({ code: 0, stderr: '' });
      // Below it, with no config in the repository: the defaults are the cwd's, as before.
      const below = await runCli(['validate'], join(inner, 'sub'));
      expect(below.code).toBe(2);
      expect(below.stderr).toBe(
        'trackgen validate: data directory not found: data (pass --data DIR, or run trackgen init)\n',
      );
    }
  });

  it('a project without git looks up to the first config (the run cache, too, finds it)', async () => {
    const dir = project();
    const sessions = join(dir, 'data/sessions');
    expect((await runCli(['generate', '-q'], sessions)).code).toBe(0);
    renameSync(join(dir, 'docs'), join(dir, 'docs-old'));
    expect((await runCli(['generate', '-q'], sessions)).code).toBe(0);
    expect(existsSync(join(dir, TRACKER))).toBe(true);
  });
});
