#!/usr/bin/env node
// Merge benchmark: 1,000 session summaries (~3–10 KB) and a ~1 MB lessons file, merged when
// nothing changed, after a data change in one section per file, and after one hand edit.
// Uses the BUILT code: run `npm run build` first. Usage: node bench/merge.js [--slow]
// (--slow also times a hand edit in the lessons file that forces a full remark parse).
import { spawnSync } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const { mergeDocument, wrapSection } = await import(join(dist, 'merge', 'index.js')).catch(() => {
  console.error('bench/merge.js needs the built code: run `npm run build` first');
  process.exit(2);
});
const { writeFilesAtomically } = await import(join(dist, 'write', 'index.js'));

const root = join(here, '.generated', 'merge');
const SESSIONS = 1000;
const slow = process.argv.includes('--slow');

// A small deterministic generator, so every run measures the same documents.
let seed = 42;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (items) => items[Math.floor(random() * items.length)];
const words =
  'coverage branch module fixture parser session mock edge case flaky retry import config lexer cache'.split(
    ' ',
  );
const sentence = (count) => Array.from({ length: count }, () => pick(words)).join(' ');

function sessionData(index) {
  const modules = 15 + Math.floor(random() * 70);
  return {
    index,
    modules: Array.from({ length: modules }, (_, row) => ({
      path: `pkg/mod_${row}.py`,
      covered: Math.floor(random() * 100),
    })),
    tests: Array.from({ length: 5 + Math.floor(random() * 15) }, () => sentence(8)),
    lessons: Array.from({ length: 2 + Math.floor(random() * 4) }, () => sentence(20)),
    next: Array.from({ length: 3 }, () => sentence(6)),
  };
}

function renderSession(data, version) {
  const table = [
    '| Module | Covered |',
    '|---|--:|',
    ...data.modules.map((module) => `| \`${module.path}\` | ${module.covered}% |`),
  ].join('\n');
  return [
    `# Session ${String(data.index).padStart(4, '0')}`,
    '',
    wrapSection(
      'summary',
      `Session ${data.index}: ${data.tests.length} tests added, data version ${version}.`,
    ),
    '',
    '## Coverage by module',
    '',
    wrapSection('module-progress', table),
    '',
    '## Tests added',
    '',
    wrapSection('tests-added', data.tests.map((test) => `- ${test}`).join('\n')),
    '',
    '## Lessons',
    '',
    wrapSection('lessons', data.lessons.map((lesson) => `* ${lesson}`).join('\n')),
    '',
    '## Next steps',
    '',
    wrapSection('next-steps', data.next.map((step, index) => `${index + 1}. ${step}`).join('\n')),
    '',
  ].join('\n');
}

const lessonEntries = Array.from({ length: 1700 }, (_, index) => ({
  index,
  text: sentence(60),
  code:
    index % 5 === 0
      ? `\n\n\`\`\`python\ndef test_${index}():\n    assert parse("${sentence(3)}") == ${index}\n\`\`\``
      : '',
}));

function renderLessons(version) {
  const parts = ['# Lessons learned', ''];
  for (const entry of lessonEntries) {
    parts.push(
      `## Lesson ${entry.index}`,
      '',
      wrapSection(
        `lesson-${entry.index}`,
        `${entry.text}${entry.index === 0 ? ` (v${version})` : ''}${entry.code}`,
      ),
      '',
    );
  }
  return parts.join('\n');
}

const sessions = Array.from({ length: SESSIONS }, (_, index) => sessionData(index + 1));
const paths = [
  ...sessions.map((data) => join(root, 'sessions', `${String(data.index).padStart(4, '0')}.md`)),
  join(root, 'lessons.md'),
];
const renderAll = (version) => [
  ...sessions.map((data) => renderSession(data, version)),
  renderLessons(version),
];

async function readAll() {
  return Promise.all(paths.map((path) => readFile(path, 'utf8').catch(() => undefined)));
}

async function run(fresh) {
  const existing = await readAll();
  // One file after another: merging is CPU work, and this keeps fewer results alive at once.
  const results = [];
  for (const [index, path] of paths.entries())
    results.push(await mergeDocument({ path, existing: existing[index], fresh: fresh[index] }));
  // Only changed files go to the writer (it compares again, but then reads just those).
  const files = results.flatMap((result, index) =>
    result.content === null || !result.changed
      ? []
      : [{ path: paths[index], content: result.content }],
  );
  const writeStart = performance.now();
  const outcomes = await writeFilesAtomically(files);
  return {
    written: outcomes.filter((outcome) => outcome.status === 'written').length,
    'of which writing ms': Math.round(performance.now() - writeStart),
    diagnostics: results.reduce((sum, result) => sum + result.diagnostics.length, 0),
    parsed: results.filter((result) => result.fullParse).length,
  };
}

async function timed(label, action, repeat = 1) {
  const times = [];
  let outcome;
  for (let round = 0; round < repeat; round += 1) {
    const start = performance.now();
    outcome = await action();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)];
  const details =
    outcome && typeof outcome === 'object'
      ? `  (${Object.entries(outcome)
          .map(([key, value]) => `${key} ${value}`)
          .join(', ')})`
      : '';
  console.log(`${label.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms${details}`);
  return ms;
}

function nodeStartup() {
  const times = [];
  for (let round = 0; round < 5; round += 1) {
    const start = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[2];
}

function importTime() {
  const script = `const t=performance.now();await import(${JSON.stringify(join(dist, 'merge', 'index.js'))});await import(${JSON.stringify(join(dist, 'write', 'index.js'))});console.log(performance.now()-t)`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  return Number(result.stdout.trim());
}

await rm(root, { recursive: true, force: true });
const v1 = renderAll(1);
const v2 = [...sessions.map((data) => renderSession(data, 2)), renderLessons(2)];
const bytes = v1.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
console.log(
  `merge benchmark: ${SESSIONS} session summaries + lessons file (${(Buffer.byteLength(v1[SESSIONS]) / 1e6).toFixed(2)} MB), ${(bytes / 1e6).toFixed(1)} MB in all, node ${process.version}`,
);

const startup = nodeStartup();
console.log(`${'node -e 0 (wall, median of 5)'.padEnd(58)} ${startup.toFixed(0).padStart(6)} ms`);
console.log(
  `${'import dist/merge + dist/write in a fresh process'.padEnd(58)} ${importTime().toFixed(0).padStart(6)} ms`,
);
await timed('generate from scratch (no files yet)', () => run(v1));
const read = await timed(
  'bare read of all files',
  async () => ({ files: (await readAll()).length }),
  5,
);
const noChange = await timed('merge all, nothing changed (median of 5)', () => run(v1), 5);
await timed('merge all, one section changed in every file', () => run(v2));

// One hand edit inside a generated section of the lessons file.
const lessonsPath = paths[SESSIONS];
const { writeFile } = await import('node:fs/promises');
const lessons = await readFile(lessonsPath, 'utf8');
await writeFile(
  lessonsPath,
  lessons
    .replace('## Lesson 7\n\n', '## Lesson 7\n\nA paragraph of context, by hand.\n\n')
    .replace(/(trackgen:begin lesson-9 [^\n]*\n)/, '$1My own first line.\n'),
);
const oneEdit = await timed('merge all after one hand edit (lessons file)', () => run(v2), 5);

// A hand edit the scanner cannot vouch for (a marker-like comment in prose): that file is parsed.
const doubt = 'Markers look like `<!-- trackgen:begin id -->`, says a note added by hand.\n\n';
const summaryPath = paths[0];
const summary = await readFile(summaryPath, 'utf8');
await writeFile(summaryPath, summary.replace('## Lessons\n', `${doubt}## Lessons\n`));
await timed('merge all after a marker-like note in one summary (parsed)', () => run(v2), 3);

if (slow) {
  await writeFile(
    lessonsPath,
    (await readFile(lessonsPath, 'utf8')).replace('## Lesson 3\n', `${doubt}## Lesson 3\n`),
  );
  await timed('merge all after the same note in the lessons file (parsed)', () => run(v2));
}

const budget = 2 * (startup + read);
console.log(
  `target (issue 5): no-change and one-edit runs <= 2 x (node -e 0 + read) = ${budget.toFixed(0)} ms; measured ${noChange.toFixed(0)} and ${oneEdit.toFixed(0)} ms in-process (+ import and startup for a whole run)`,
);
