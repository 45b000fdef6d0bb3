#!/usr/bin/env node
// What a commit costs with trackgen's pre-commit hook, against a bare `node -e 0` measured in the
// same run (issue 6: `trackgen check` with nothing changed must stay within 6x of it).
// Runs the BUILT CLI (npm run build first) in child processes, on a temporary git repository
// holding a copy of the default project. Prints figures; asserts nothing.
//
//   node bench/hook.js [runs]        (default 9; or BENCH_RUNS=…)
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = join(root, 'bin/trackgen.js');
const runs = Number(process.argv[2] ?? process.env.BENCH_RUNS ?? 9);
if (!existsSync(join(root, 'dist/cli/run.js'))) {
  console.error('bench/hook.js: dist/ is missing: run npm run build first');
  process.exit(2);
}

const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
for (const name of Object.keys(env))
  if (name.startsWith('GIT_') && !name.startsWith('GIT_CONFIG')) delete env[name];
const repo = mkdtempSync(join(tmpdir(), 'trackgen-bench-hook-'));
const git = (...args) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' });
const record = join(repo, 'data/sessions/054.json');

function setUp() {
  cpSync(join(root, 'example/data'), join(repo, 'data'), { recursive: true });
  cpSync(join(root, 'example/trackgen.config.json'), join(repo, 'trackgen.config.json'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Bench');
  git('config', 'user.email', 'bench@example.com');
  execFileSync(process.execPath, [bin, 'generate', '-q'], { cwd: repo, env });
  git('add', '-A');
  git('commit', '-q', '-m', 'default project');
  execFileSync(process.execPath, [bin, 'hook', 'install'], { cwd: repo, env });
}

/** Wall time of one child process, in ms; a failure stops the bench (the figure would lie). */
function time(command, args, expectedStatus = 0, extraEnv = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: repo,
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
  });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== expectedStatus)
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout}`,
    );
  return elapsed;
}

const hookScript = join(repo, '.git/hooks/pre-commit');
const original = () => readFileSync(join(root, 'example/data/sessions/054.json'), 'utf8');
const cases = [
  { name: 'node -e 0', run: () => time(process.execPath, ['-e', '0']) },
  {
    name: 'trackgen check (nothing changed)',
    run: () => time(process.execPath, [bin, 'check', '-q']),
  },
  // The same without the run cache (.git/trackgen/): every stage.
  {
    name: 'trackgen check (nothing changed, TRACKGEN_NO_CACHE=1)',
    run: () => time(process.execPath, [bin, 'check', '-q'], 0, { TRACKGEN_NO_CACHE: '1' }),
  },
  {
    name: 'hook, no-op (README staged)',
    before: () => {
      writeFileSync(join(repo, 'README.md'), `# notes ${Math.random()}\n`);
      git('add', 'README.md');
    },
    run: () => time('sh', [hookScript]),
    after: () => git('reset', '-q', '--hard', 'HEAD'),
  },
  {
    name: 'hook, regenerate (a session record staged)',
    before: () => {
      writeFileSync(
        record,
        original().replace('"total": 2413, "passing": 2413', '"total": 2420, "passing": 2420'),
      );
      git('add', 'data/sessions/054.json');
    },
    run: () => time('sh', [hookScript]),
    after: () => {
      if (!git('diff', '--cached', '--name-only').includes('docs/'))
        throw new Error('the hook did not stage regenerated docs');
      git('reset', '-q', '--hard', 'HEAD');
    },
  },
];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

try {
  setUp();
  const samples = cases.map(() => []);
  // One warm-up round, then rounds that interleave the cases, so a busy machine slows them all alike.
  for (let round = 0; round <= runs; round++) {
    for (const [index, entry] of cases.entries()) {
      entry.before?.();
      const elapsed = entry.run();
      entry.after?.();
      if (round > 0) samples[index].push(elapsed);
    }
  }
  const base = median(samples[0]);
  console.log(
    `trackgen pre-commit hook: median of ${runs} runs (built CLI, default project, node ${process.version})`,
  );
  for (const [index, entry] of cases.entries()) {
    const value = median(samples[index]);
    console.log(
      `  ${entry.name.padEnd(52)} ${value.toFixed(0).padStart(6)} ms  ${(value / base).toFixed(2).padStart(5)}x node -e 0`,
    );
  }
} finally {
  rmSync(repo, { recursive: true, force: true });
}
