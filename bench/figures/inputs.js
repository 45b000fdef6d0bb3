// Writes the bench's inputs into bench/.generated/ (gitignored), deterministically, once per size:
// Cobertura XML and coverage.py JSON reports, projects of N sessions, a lessons file.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const generated = join(root, 'bench/.generated');

/** Deterministic PRNG (mulberry32), so every run measures the same files. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes through a temporary name, so an interrupted run never leaves half a file behind. */
function writeOnce(path, fill) {
  if (existsSync(path)) return path;
  mkdirSync(generated, { recursive: true });
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w');
  let written = 0;
  fill((text) => {
    written += writeSync(fd, text);
    return written;
  });
  closeSync(fd);
  renameSync(partial, path);
  return path;
}

const sizeName = (megabytes) => String(megabytes).replace('.', '_');

/** A report shaped like coverage.py's `coverage xml --branch` output (tabs, minidom). */
export function coberturaReport(megabytes) {
  const target = megabytes * 1024 * 1024;
  const next = random(Math.round(megabytes * 1000));
  return writeOnce(join(generated, `figures-cobertura-${sizeName(megabytes)}mb.xml`), (write) => {
    let written = write(
      '<?xml version="1.0" ?>\n<coverage version="7.6.1" timestamp="1732400000000" lines-valid="0" lines-covered="0" line-rate="0" branches-covered="0" branches-valid="0" branch-rate="0" complexity="0">\n\t<sources>\n\t\t<source>/home/ci/project/src</source>\n\t</sources>\n\t<packages>\n',
    );
    for (let pkg = 0; written < target; pkg++) {
      write(
        `\t\t<package name="app.pkg${pkg}" line-rate="0.8" branch-rate="0.7" complexity="0">\n\t\t\t<classes>\n`,
      );
      for (let mod = 0; mod < 20 && written < target; mod++) {
        const lines = [
          `\t\t\t\t<class name="module_${mod}.py" filename="app/pkg${pkg}/module_${mod}.py" complexity="0" line-rate="0.8" branch-rate="0.7">\n\t\t\t\t\t<methods/>\n\t\t\t\t\t<lines>\n`,
        ];
        for (let line = 1; line < 600; line += 1 + Math.floor(next() * 3)) {
          const hits = next() < 0.85 ? 1 : 0;
          if (next() < 0.15) {
            const taken = hits === 0 ? 0 : next() < 0.6 ? 2 : 1;
            const missing =
              taken === 2
                ? ''
                : taken === 1
                  ? ` missing-branches="${line + 2}"`
                  : ` missing-branches="${line + 1},${line + 3}"`;
            lines.push(
              `\t\t\t\t\t\t<line number="${line}" hits="${hits}" branch="true" condition-coverage="${(100 * taken) / 2}% (${taken}/2)"${missing}/>\n`,
            );
          } else lines.push(`\t\t\t\t\t\t<line number="${line}" hits="${hits}"/>\n`);
        }
        lines.push('\t\t\t\t\t</lines>\n\t\t\t\t</class>\n');
        written = write(lines.join(''));
      }
      written = write('\t\t\t</classes>\n\t\t</package>\n');
    }
    write('\t</packages>\n</coverage>\n');
  });
}

/** A report shaped like coverage.py's `coverage json` output (format 3, branch coverage). */
export function coveragePyReport(megabytes) {
  const target = megabytes * 1024 * 1024;
  const next = random(Math.round(megabytes * 1000) + 7);
  return writeOnce(
    join(generated, `figures-coveragepy-v2-${sizeName(megabytes)}mb.json`),
    (write) => {
      let written = write(
        '{"meta": {"format": 3, "version": "7.6.1", "timestamp": "2024-11-23T12:00:00", "branch_coverage": true, "show_contexts": false},\n "files": {',
      );
      const totals = { lines: 0, statements: 0, branches: 0, partial: 0, coveredBranches: 0 };
      for (let index = 0; written < target; index++) {
        const executed = [];
        const missing = [];
        const executedBranches = [];
        const missingBranches = [];
        for (let line = 1; line < 600; line += 3 + Math.floor(next() * 3)) {
          if (next() >= 0.85) {
            missing.push(line);
            continue;
          }
          executed.push(line);
          // Branches start on lines that ran; a line with a missing arc is a partial branch.
          if (next() < 0.1) {
            executed.push(line + 1);
            executedBranches.push([line, line + 1]);
            if (next() < 0.4) {
              missing.push(line + 2);
              missingBranches.push([line, line + 2]);
            } else {
              executed.push(line + 2);
              executedBranches.push([line, line + 2]);
            }
          }
        }
        executed.sort((a, b) => a - b);
        missing.sort((a, b) => a - b);
        const statements = executed.length + missing.length;
        const branches = executedBranches.length + missingBranches.length;
        const covered = executed.length + executedBranches.length;
        totals.lines += executed.length;
        totals.statements += statements;
        totals.branches += branches;
        totals.partial += missingBranches.length;
        totals.coveredBranches += executedBranches.length;
        const summary = {
          covered_lines: executed.length,
          num_statements: statements,
          percent_covered: (100 * covered) / (statements + branches),
          percent_covered_display: String(Math.round((100 * covered) / (statements + branches))),
          missing_lines: missing.length,
          excluded_lines: 0,
          num_branches: branches,
          num_partial_branches: missingBranches.length,
          covered_branches: executedBranches.length,
          missing_branches: missingBranches.length,
        };
        written = write(
          `${index === 0 ? '' : ','}\n  "app/pkg${Math.floor(index / 20)}/module_${index % 20}.py": ${JSON.stringify(
            {
              executed_lines: executed,
              summary,
              missing_lines: missing,
              excluded_lines: [],
              executed_branches: executedBranches,
              missing_branches: missingBranches,
            },
          )}`,
        );
      }
      const covered = totals.lines + totals.coveredBranches;
      const all = totals.statements + totals.branches;
      write(
        `\n },\n "totals": ${JSON.stringify({
          covered_lines: totals.lines,
          num_statements: totals.statements,
          percent_covered: (100 * covered) / all,
          percent_covered_display: String(Math.round((100 * covered) / all)),
          missing_lines: totals.statements - totals.lines,
          excluded_lines: 0,
          num_branches: totals.branches,
          num_partial_branches: totals.partial,
          covered_branches: totals.coveredBranches,
          missing_branches: totals.branches - totals.coveredBranches,
        })}\n}\n`,
      );
    },
  );
}

/** The default project (example/) with N sessions made from its session 54, in a git repository. */
export function sessionsProject(sessions) {
  const dir = join(generated, `figures-sessions-${sessions}`);
  if (existsSync(join(dir, 'ready'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // A git directory gives the project its run cache (.git/trackgen), as in a real repository.
  execFileSync('git', ['init', '-q'], { cwd: dir });
  cpSync(join(root, 'example/data'), join(dir, 'data'), { recursive: true });
  cpSync(join(root, 'example/trackgen.config.json'), join(dir, 'trackgen.config.json'));
  rmSync(join(dir, 'data/sessions'), { recursive: true });
  mkdirSync(join(dir, 'data/sessions'));
  const template = JSON.parse(readFileSync(join(root, 'example/data/sessions/054.json'), 'utf8'));
  const modules = ['budget_manager', 'admin_auth', 'sync'];
  for (let number = 1; number <= sessions; number++) {
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
  writeFileSync(join(dir, 'ready'), '');
  return dir;
}

/**
 * A lessons file of about `megabytes`, as trackgen writes it, with one marker-like hand edit in
 * the middle (an indented HTML comment), and the fresh rendering to merge it with.
 */
export async function editedLessons(megabytes) {
  const base = join(generated, `figures-lessons-${sizeName(megabytes)}mb`);
  const existing = `${base}.md`;
  const fresh = `${base}.fresh.md`;
  if (existsSync(existing) && existsSync(fresh)) return { existing, fresh };
  const { wrapSection } = await import('../../dist/merge/index.js');
  const next = random(11);
  const words =
    'coverage branch module fixture parser session mock edge case flaky retry import config lexer cache'.split(
      ' ',
    );
  const sentence = (count) =>
    Array.from({ length: count }, () => words[Math.floor(next() * words.length)]).join(' ');
  const parts = ['# Lessons learned', ''];
  let size = 0;
  for (let index = 0; size < megabytes * 1024 * 1024; index++) {
    const code =
      index % 5 === 0
        ? `\n\n\`\`\`python\ndef test_${index}():\n    assert parse("${sentence(3)}") == ${index}\n\`\`\``
        : '';
    const section = [
      `## Lesson ${index}`,
      '',
      wrapSection(`lesson-${index}`, `${sentence(60)}${code}`),
      '',
    ].join('\n');
    parts.push(section);
    size += section.length + 1;
  }
  const rendering = parts.join('\n');
  writeFileSync(fresh, rendering);
  const middle = rendering.indexOf('\n## Lesson', Math.floor(rendering.length / 2));
  writeFileSync(
    existing,
    `${rendering.slice(0, middle)}\n  <!-- a note by hand: keep the flaky retry lesson -->\n${rendering.slice(middle)}`,
  );
  return { existing, fresh };
}
