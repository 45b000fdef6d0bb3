// The figures of issue 15, measured in one run, each beside its target as a ratio to a baseline
// measured in the same run (medians of several interleaved rounds, so a busy machine slows the
// case and its baseline alike). BENCH_QUICK=1 (or `npm run bench -- --quick`) runs tiny sizes
// and one round: it proves the bench works, its figures mean nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  coberturaReport,
  coveragePyReport,
  editedLessons,
  root,
  sessionsProject,
} from './inputs.js';

const quick = process.env.BENCH_QUICK === '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 5));
const SESSIONS = quick ? [2, 4, 8] : [100, 1000, 5000];
const MAIN_SESSIONS = quick ? 4 : 1000;
const REPORT_MB = quick ? [0.01, 0.02, 0.04] : [1, 20, 100];
const LESSONS_MB = quick ? 0.02 : 1;
// A run that takes longer than this is stopped and reported as such (a path that has gone
// quadratic would otherwise keep the bench busy for hours); larger sizes of it are skipped.
const LIMIT_SECONDS = Number(process.env.BENCH_LIMIT_SECONDS ?? (quick ? 120 : 180));
const bin = join(root, 'bin/trackgen.js');
const caseScript = join(root, 'bench/figures/case.js');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const fmt = (value, digits = 2) => value.toFixed(digits);
const mb = (megabytes) => `${fmt(megabytes, megabytes >= 10 ? 0 : 2)} MB`;
const verdicts = [];

/** One line of the table: the figure, its ratio, the target and whether it is met. */
function figure(name, ratio, target, detail, unit = 'x') {
  const measured = Number.isFinite(ratio);
  const met = measured && ratio <= target;
  verdicts.push({ name, ratio, target, unit, met });
  const shown = measured ? `${fmt(ratio)}${unit}` : 'stopped';
  console.log(
    `  ${name.padEnd(50)} ${shown.padStart(9)}  target <= ${target}${unit}  ${met ? 'met' : 'NOT MET'}  (${measured ? detail : `a run took longer than ${LIMIT_SECONDS} s (BENCH_LIMIT_SECONDS), or a smaller size did`})`,
  );
}

const gitEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
for (const name of Object.keys(gitEnv))
  if (name.startsWith('GIT_') && !name.startsWith('GIT_CONFIG')) delete gitEnv[name];

/** Wall seconds of one child process; a failure stops the bench (the figure would lie). */
function time(command, args, cwd, extraEnv = {}, expected = [0]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd,
    env: { ...gitEnv, ...extraEnv },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: LIMIT_SECONDS * 1000,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.error?.code === 'ETIMEDOUT') return Infinity;
  if (!expected.includes(result.status))
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout}`,
    );
  return seconds;
}
const nodeStart = (cwd) => time(process.execPath, ['-e', '0'], cwd);

/** Runs `node bench/figures/case.js NAME ...` and returns its measurement. */
function runCase(name, ...args) {
  const out = spawnSync(process.execPath, [caseScript, name, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    timeout: LIMIT_SECONDS * 1000,
  });
  if (out.error?.code === 'ETIMEDOUT') return { seconds: Infinity, maxRssMB: Infinity };
  if (out.status !== 0)
    throw new Error(`case ${name} failed: ${out.stderr.trim().split('\n').slice(0, 5).join(' ')}`);
  return JSON.parse(out.stdout);
}

/** Rounds that interleave the cases; per case the median time, every round's time, the peak RSS. */
function interleave(cases, rounds = ROUNDS) {
  const runs = cases.map(() => []);
  for (let round = 0; round < rounds; round++)
    for (const [index, run] of cases.entries()) runs[index].push(run());
  return runs.map((samples) => ({
    seconds: median(samples.map((sample) => sample.seconds ?? sample)),
    all: samples.map((sample) => sample.seconds ?? sample),
    maxRssMB: Math.max(...samples.map((sample) => sample.maxRssMB ?? 0)),
  }));
}

/** Linear when the cost of each added unit does not grow by more than half from one step to the next. */
function linearity(points) {
  if (points.some((point) => point.seconds === Infinity))
    return { growth: Infinity, verdict: 'not measured: a run was stopped' };
  const slopes = points
    .slice(1)
    .map(
      (point, index) => (point.seconds - points[index].seconds) / (point.size - points[index].size),
    );
  const growth = slopes.length < 2 || slopes[0] <= 0 ? 1 : slopes[slopes.length - 1] / slopes[0];
  return { growth, verdict: growth <= 1.5 ? 'linear' : 'grows faster than linear' };
}

// ---- 1. the pre-commit hook regenerating, on the default project ----
function hookFigure() {
  const repo = mkdtempSync(join(tmpdir(), 'trackgen-bench-hook-'));
  const git = (...args) => execFileSync('git', args, { cwd: repo, env: gitEnv, encoding: 'utf8' });
  try {
    cpSync(join(root, 'example/data'), join(repo, 'data'), { recursive: true });
    cpSync(join(root, 'example/trackgen.config.json'), join(repo, 'trackgen.config.json'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Bench');
    git('config', 'user.email', 'bench@example.com');
    execFileSync(process.execPath, [bin, 'generate', '-q'], { cwd: repo, env: gitEnv });
    git('add', '-A');
    git('commit', '-q', '-m', 'default project');
    execFileSync(process.execPath, [bin, 'hook', 'install'], { cwd: repo, env: gitEnv });
    const record = join(repo, 'data/sessions/054.json');
    const original = readFileSync(record, 'utf8');
    const regenerate = () => {
      writeFileSync(
        record,
        original.replace('"total": 2413, "passing": 2413', '"total": 2420, "passing": 2420'),
      );
      git('add', 'data/sessions/054.json');
      const seconds = time('sh', [join(repo, '.git/hooks/pre-commit')], repo);
      if (!git('diff', '--cached', '--name-only').includes('docs/'))
        throw new Error('the hook did not stage regenerated docs');
      git('reset', '-q', '--hard', 'HEAD');
      return seconds;
    };
    regenerate(); // warm-up: the file system cache, git's index
    const [node, hook] = interleave(
      [() => nodeStart(repo), regenerate],
      Math.max(ROUNDS, quick ? 1 : 7),
    );
    figure(
      'hook regenerating (a session record staged)',
      hook.seconds / node.seconds,
      3,
      `${fmt(hook.seconds * 1000, 0)} ms vs node -e 0 ${fmt(node.seconds * 1000, 0)} ms`,
    );
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

// ---- 2 and 5. generate from scratch, by number of sessions ----
function fromScratch(dir) {
  rmSync(join(dir, 'docs'), { recursive: true, force: true });
  rmSync(join(dir, '.git/trackgen'), { recursive: true, force: true });
  return time(process.execPath, [bin, 'generate', '-q'], dir, {}, [0, 1]);
}

function sessionFigures() {
  const points = [];
  let main;
  for (const sessions of SESSIONS) {
    if (points.some((point) => point.seconds === Infinity)) {
      points.push({ size: sessions, seconds: Infinity, noChange: Infinity, skipped: true });
      continue;
    }
    const dir = sessionsProject(sessions);
    const rounds = sessions === MAIN_SESSIONS ? ROUNDS : Math.min(ROUNDS, 3);
    const [node, scratch] = interleave([() => nodeStart(dir), () => fromScratch(dir)], rounds);
    const noChange = median(
      Array.from({ length: rounds }, () =>
        time(process.execPath, [bin, 'generate', '-q'], dir, {}, [0, 1]),
      ),
    );
    points.push({ size: sessions, seconds: scratch.seconds, noChange, node: node.seconds });
    if (sessions === MAIN_SESSIONS) main = { node, scratch };
  }
  if (main === undefined) {
    figure(
      `generate from scratch, ${MAIN_SESSIONS} sessions`,
      Infinity,
      20,
      'skipped: a smaller project already took too long',
    );
    return points;
  }
  figure(
    `generate from scratch, ${MAIN_SESSIONS} sessions`,
    main.scratch.seconds / main.node.seconds,
    20,
    main.scratch.seconds === Infinity
      ? `stopped after ${LIMIT_SECONDS} s (BENCH_LIMIT_SECONDS)`
      : `${fmt(main.scratch.seconds)} s vs node -e 0 ${fmt(main.node.seconds * 1000, 0)} ms`,
  );
  return points;
}

// ---- 3. a marker-like edit in a 1 MB lessons file ----
async function lessonsFigure() {
  const { existing, fresh } = await editedLessons(LESSONS_MB);
  const megabytes = statSync(existing).size / (1024 * 1024);
  const [merge] = interleave(
    [() => runCase('lessons-merge', existing, fresh)],
    Math.min(ROUNDS, 3),
  );
  figure(
    `marker-like edit in a ${mb(megabytes)} lessons file`,
    merge.seconds,
    1,
    'merge of that file, remark loaded on demand included; an absolute target',
    ' s',
  );
}

// ---- 4 and 5. the reports, by size ----
function reportFigures() {
  const scale = { cobertura: [], coveragepy: [] };
  // Once a reader's run is stopped at one size, its larger sizes are not measured.
  const stopped = (points) => points.some((point) => point.seconds === Infinity);
  const skip = [{ seconds: Infinity, all: [Infinity], maxRssMB: Infinity }];
  const pair = (points, baseline, reader, file, rounds) =>
    stopped(points)
      ? [...skip, ...skip]
      : interleave([() => runCase(baseline, file), () => runCase(reader, file)], rounds);
  for (const megabytes of REPORT_MB) {
    const main = megabytes === REPORT_MB[REPORT_MB.length - 1];
    const rounds = main ? ROUNDS : Math.min(ROUNDS, 3);
    const xml = coberturaReport(megabytes);
    const xmlMB = statSync(xml).size / (1024 * 1024);
    const [scan, cobertura] = pair(scale.cobertura, 'scan', 'cobertura', xml, rounds);
    const json = coveragePyReport(megabytes);
    const jsonMB = statSync(json).size / (1024 * 1024);
    const [parse, coveragepy] = pair(scale.coveragepy, 'json-parse', 'coveragepy', json, rounds);
    scale.cobertura.push({
      size: xmlMB,
      seconds: cobertura.seconds,
      ratio: cobertura.seconds / scan.seconds,
    });
    scale.coveragepy.push({
      size: jsonMB,
      seconds: coveragepy.seconds,
      ratio: coveragepy.seconds / parse.seconds,
    });
    if (!main) continue;
    const worst =
      cobertura.seconds === Infinity
        ? Infinity
        : Math.max(...cobertura.all.map((seconds, index) => seconds / scan.all[index]));
    figure(
      `Cobertura ${mb(xmlMB)} vs streaming scan (worst round)`,
      worst,
      3,
      `median ${fmt(cobertura.seconds)} s vs ${fmt(scan.seconds)} s, ${fmt(cobertura.seconds / scan.seconds)}x`,
    );
    figure(
      `Cobertura ${mb(xmlMB)} peak RSS / file size`,
      cobertura.maxRssMB / xmlMB,
      2,
      `${fmt(cobertura.maxRssMB, 0)} MB`,
    );
    figure(
      `coverage.py JSON ${mb(jsonMB)} vs JSON.parse`,
      coveragepy.seconds / parse.seconds,
      2,
      `${fmt(coveragepy.seconds)} s vs ${fmt(parse.seconds)} s`,
    );
    figure(
      `coverage.py JSON ${mb(jsonMB)} peak RSS / JSON.parse's`,
      coveragepy.maxRssMB / parse.maxRssMB,
      1,
      `${fmt(coveragepy.maxRssMB, 0)} MB vs ${fmt(parse.maxRssMB, 0)} MB (${fmt(coveragepy.maxRssMB / jsonMB, 1)}x vs ${fmt(parse.maxRssMB / jsonMB, 1)}x the file)`,
    );
  }
  return scale;
}

function growthText({ growth, verdict }, unit) {
  return growth === Infinity
    ? verdict
    : `${verdict}: the cost of an added ${unit} grows ${fmt(growth)}x from the first step to the last`;
}

function printScale(sessions, reports) {
  console.log('\nscale (5): how each path grows');
  const seconds = (value) => (value === Infinity ? `> ${LIMIT_SECONDS}` : fmt(value)).padStart(7);
  const sessionLine = (point) =>
    point.skipped === true
      ? `    ${String(point.size).padStart(6)} sessions  skipped (a smaller project took longer than ${LIMIT_SECONDS} s)`
      : `    ${String(point.size).padStart(6)} sessions  from scratch ${seconds(point.seconds)} s  nothing changed ${seconds(point.noChange)} s`;
  console.log(`  generate (${growthText(linearity(sessions), 'session')})`);
  for (const point of sessions) console.log(sessionLine(point));
  for (const [name, points] of Object.entries(reports)) {
    console.log(`  ${name} report (${growthText(linearity(points), 'MB')})`);
    for (const point of points)
      if (point.seconds === Infinity)
        console.log(
          `    ${mb(point.size).padStart(9)}  stopped or skipped (over ${LIMIT_SECONDS} s)`,
        );
      else
        console.log(
          `    ${mb(point.size).padStart(9)}  ${fmt(point.seconds, 3).padStart(8)} s  ${fmt(point.ratio)}x its baseline`,
        );
  }
  const flat = [linearity(sessions), ...Object.values(reports).map(linearity)];
  verdicts.push({
    name: 'growth is linear',
    met: flat.every((entry) => entry.verdict === 'linear'),
  });
}

if (!existsSync(join(root, 'dist/bundle/trackgen.cjs'))) {
  console.error('npm run bench: build first (npm run build)');
  process.exit(2);
}
console.log(
  `issue 15 figures${quick ? ' (QUICK: tiny sizes, one round: proves the bench runs, measures nothing)' : ''}: node ${process.version}, ${availableParallelism()} cores, median of ${ROUNDS} interleaved rounds; load average ${load()}`,
);
hookFigure();
const sessionPoints = sessionFigures();
await lessonsFigure();
const reportPoints = reportFigures();
printScale(sessionPoints, reportPoints);
const missed = verdicts.filter((entry) => !entry.met).map((entry) => entry.name);
console.log(
  `\nclosing note: ${verdicts.length - missed.length} of ${verdicts.length} targets met${missed.length > 0 ? `; not met: ${missed.join('; ')}` : ''}. Load average at the end ${load()} (1, 5, 15 min, ${availableParallelism()} cores).`,
);
