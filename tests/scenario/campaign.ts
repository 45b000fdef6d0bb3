/**
 * A fifteen-session campaign written as a team types it: records by hand (no captured figures),
 * one phase of seven modules, one Cobertura report whose timestamp places it in time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MODULES = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'] as const;
/** Session that completed each module; session 15 works on m6, m7 is never started. */
export const COMPLETED_IN: Readonly<Record<string, number>> = {
  m1: 2,
  m2: 5,
  m3: 8,
  m4: 11,
  m5: 14,
};

export const sessionDate = (number: number): string => `2025-01-${String(number).padStart(2, '0')}`;

const moduleEntry = (id: string) => ({ id, path: `app/${id}.py` });

export function writeProject(dir: string, modules: readonly string[] = MODULES): void {
  mkdirSync(join(dir, 'data/sessions'), { recursive: true });
  writeFileSync(join(dir, 'trackgen.config.json'), '{ "data": "data", "outDir": "docs" }\n');
  const project = {
    name: 'Campaign',
    coverageGoal: 90,
    coverageReport: 'coverage.xml',
    phases: [
      { number: 1, name: 'Earlier', history: { modules: 4, modulesComplete: 4, endCoverage: 40 } },
      { number: 2, name: 'Services', modules: modules.map(moduleEntry) },
    ],
  };
  writeFileSync(join(dir, 'data/project.json'), `${JSON.stringify(project, null, 2)}\n`);
}

/** Which module session `number` works on: the first one not completed before it. */
function moduleOf(number: number): string {
  return MODULES.find((id) => (COMPLETED_IN[id] ?? Infinity) >= number) ?? 'm6';
}

export function writeSessions(dir: string): void {
  for (let number = 1; number <= 15; number++) {
    const id = moduleOf(number);
    const done = COMPLETED_IN[id] === number;
    const record = {
      number,
      date: sessionDate(number),
      phase: 2,
      status: 'complete',
      title: `Work on ${id}`,
      modules: [
        {
          module: id,
          outcome: done ? 'complete' : 'in-progress',
          final: done
            ? { percent: 100, statements: 10, missed: 0, branches: 2, coveredBranches: 2 }
            : { percent: 60, statements: 10, missed: 4 },
        },
      ],
      projectCoverage: { start: 50 + number - 1, final: 50 + number },
    };
    writeFileSync(
      join(dir, `data/sessions/${String(number).padStart(3, '0')}.json`),
      `${JSON.stringify(record, null, 2)}\n`,
    );
  }
}

/** A Cobertura report taken on `date`: modules in `complete` at TRUE 100%, the others at 50%. */
export function writeReport(
  dir: string,
  date: string,
  modules: readonly string[],
  complete: ReadonlySet<string>,
): void {
  const timestamp = Date.parse(`${date}T18:00:00Z`);
  const classes = modules.map((id) => {
    const full = complete.has(id);
    const lines = Array.from({ length: 10 }, (_, index) => {
      const number = index + 1;
      const hits = full || number <= 5 ? 1 : 0;
      return number === 1
        ? `<line number="1" hits="1" branch="true" condition-coverage="${full ? '100% (2/2)' : '50% (1/2)'}"${full ? '' : ' missing-branches="3"'}/>`
        : `<line number="${number}" hits="${hits}"/>`;
    });
    return `<class name="${id}.py" filename="app/${id}.py" complexity="0" line-rate="${full ? 1 : 0.5}" branch-rate="${full ? 1 : 0.5}"><methods/><lines>${lines.join('')}</lines></class>`;
  });
  const valid = modules.length * 10;
  const covered = modules.reduce((sum, id) => sum + (complete.has(id) ? 10 : 5), 0);
  const branches = modules.length * 2;
  const coveredBranches = modules.reduce((sum, id) => sum + (complete.has(id) ? 2 : 1), 0);
  writeFileSync(
    join(dir, 'data/coverage.xml'),
    `<?xml version="1.0" ?>
<coverage version="7.11.0" timestamp="${timestamp}" lines-valid="${valid}" lines-covered="${covered}" line-rate="${(covered / valid).toFixed(4)}" branches-valid="${branches}" branches-covered="${coveredBranches}" branch-rate="${(coveredBranches / branches).toFixed(4)}" complexity="0">
<sources><source>/repo</source></sources>
<packages><package name="app" line-rate="0" branch-rate="0" complexity="0"><classes>
${classes.join('\n')}
</classes></package></packages>
</coverage>
`,
  );
}
