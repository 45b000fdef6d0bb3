// Benchmark: `trackgen generate` on a project of 1,000 sessions, from scratch, with nothing
// changed, and after one hand edit; beside a bare `node -e 0` and a plain read of every input and
// output file, all measured in this run. Prints figures; asserts nothing.
// Target (issue 5): the no-change run and the one-edit run each at most 2x (node -e 0 + read).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/trackgen.js');
const SESSIONS = Number(process.env.TRACKGEN_BENCH_SESSIONS ?? 1000);
const RUNS = Number(process.env.TRACKGEN_BENCH_RUNS ?? 5);

function makeProject() {
  const dir = mkdtempSync(join(tmpdir(), 'trackgen-bench-generate-'));
  // A git directory gives the project its run cache (.git/trackgen), as in a real repository.
  execFileSync('git', ['init', '-q'], { cwd: dir });
  cpSync(join(root, 'example/data'), join(dir, 'data'), { recursive: true });
  rmSync(join(dir, 'data/sessions'), { recursive: true });
  mkdirSync(join(dir, 'data/sessions'));
  const template = JSON.parse(readFileSync(join(root, 'example/data/sessions/054.json'), 'utf8'));
  const modules = ['budget_manager', 'admin_auth', 'sync'];
  for (let number = 1; number <= SESSIONS; number++) {
    const session = structuredClone(template);
    session.number = number;
    session.date = new Date(Date.UTC(2024, 0, 1) + number * 86_400_000).toISOString().slice(0, 10);
    session.title = `Session ${number} work`;
    session.modules = [
      {
        module: modules[number % 3],
        outcome: 'in-progress',
        start: { percent: 20 + (number % 50) },
        final: { percent: 21 + (number % 50) },
      },
    ];
    session.lessons = session.lessons.map((lesson) => ({
      ...lesson,
      title: `${lesson.title} (${number})`,
    }));
    session.patterns = session.patterns.map((pattern) => ({
      ...pattern,
      name: `${pattern.name} ${number % 40}`,
    }));
    session.tests = {
      created: 10,
      total: 1000 + number * 10,
      passing: 1000 + number * 10,
      skipped: 0,
      warnings: 0,
    };
    writeFileSync(
      join(dir, 'data/sessions', `${String(number).padStart(3, '0')}.json`),
      `${JSON.stringify(session, null, 2)}\n`,
    );
  }
  return dir;
}

function time(command, args, cwd) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return seconds;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const repeat = (fn) => median(Array.from({ length: RUNS }, fn));

function readEverything(dir) {
  let bytes = 0;
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else bytes += readFileSync(full).length;
    }
  };
  walk(join(dir, 'data'));
  walk(join(dir, 'docs'));
  return bytes;
}

const dir = makeProject();
try {
  const fromScratch = time(process.execPath, [bin, 'generate', '-q'], dir);
  const node = repeat(() => time(process.execPath, ['-e', '0'], dir));
  const readScript = `(${readEverything.toString()})(${JSON.stringify(dir)})`;
  const read =
    repeat(() =>
      time(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { readdirSync, readFileSync } from 'node:fs'; import { join } from 'node:path'; ${readScript}`,
        ],
        dir,
      ),
    ) - node;
  const noChange = repeat(() => time(process.execPath, [bin, 'generate', '-q'], dir));
  const tracker = join(dir, 'docs/PHASE_4_PROGRESS_TRACKER.md');
  const summary = join(dir, 'docs/sessions/SESSION_500_SUMMARY.md');
  const original = readFileSync(summary, 'utf8');
  // A new edit before every timed run, so each run meets a file it has not merged yet.
  let edits = 0;
  const oneEdit = repeat(() => {
    edits += 1;
    writeFileSync(
      summary,
      original.replace(
        '## 📈 Project Impact',
        `A note a person added (${edits}).\n\n## 📈 Project Impact`,
      ),
    );
    return time(process.execPath, [bin, 'generate', '-q'], dir);
  });
  const budget = 2 * (node + read);
  const docsBytes =
    readdirSync(join(dir, 'docs/sessions')).reduce(
      (sum, name) => sum + statSync(join(dir, 'docs/sessions', name)).size,
      0,
    ) + statSync(tracker).size;
  console.log(
    `generate benchmark: ${SESSIONS} sessions, ${(docsBytes / 1024 / 1024).toFixed(1)} MB of documents, median of ${RUNS} runs`,
  );
  console.log(`  node -e 0                 ${node.toFixed(3)} s`);
  console.log(`  read all inputs+outputs   ${read.toFixed(3)} s (beyond node start-up)`);
  console.log(`  generate from scratch     ${fromScratch.toFixed(3)} s`);
  console.log(
    `  generate, nothing changed ${noChange.toFixed(3)} s  = ${(noChange / (node + read)).toFixed(2)}x (node + read); target <= 2x (${budget.toFixed(3)} s)`,
  );
  console.log(
    `  generate, one hand edit   ${oneEdit.toFixed(3)} s  = ${(oneEdit / (node + read)).toFixed(2)}x (node + read); target <= 2x (${budget.toFixed(3)} s)`,
  );
  execFileSync(process.execPath, [bin, 'check', '-q'], { cwd: dir, stdio: 'ignore' });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
