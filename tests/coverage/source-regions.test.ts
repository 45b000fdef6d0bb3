/**
 * Missing ranges are named by their functions from the Python source beside the report, and only
 * for the files a caller asks about: a report names thousands of files, and the hook reads it at
 * every commit.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCoverageReport } from '../../src/coverage/index.js';
import { scratchDirs } from '../helpers/project-copy.js';

const dir = scratchDirs('trackgen-source-regions-');

const SOURCE = `class Budget:
    def __init__(self, limit):
        self.limit = limit

    def spend(self, amount):
        if amount > self.limit:
            raise ValueError(amount)
        self.limit -= amount


def describe(budget):
    return f"{budget.limit} left"
`;

/** coverage.py-style Cobertura: lines 7 and 12 never ran. */
const REPORT = `<?xml version="1.0" ?>
<coverage version="7.4.0" timestamp="1700000000000" lines-valid="8" lines-covered="6" line-rate="0.75" branches-covered="0" branches-valid="0" branch-rate="0" complexity="0">
\t<sources>
\t\t<source>SOURCE_ROOT</source>
\t</sources>
\t<packages>
\t\t<package name="shop" line-rate="0.75" branch-rate="0" complexity="0">
\t\t\t<classes>
\t\t\t\t<class name="budget.py" filename="shop/budget.py" complexity="0" line-rate="0.75" branch-rate="0">
\t\t\t\t\t<methods/>
\t\t\t\t\t<lines>
\t\t\t\t\t\t<line number="1" hits="1"/>
\t\t\t\t\t\t<line number="2" hits="1"/>
\t\t\t\t\t\t<line number="3" hits="1"/>
\t\t\t\t\t\t<line number="5" hits="1"/>
\t\t\t\t\t\t<line number="6" hits="1"/>
\t\t\t\t\t\t<line number="7" hits="0"/>
\t\t\t\t\t\t<line number="11" hits="1"/>
\t\t\t\t\t\t<line number="12" hits="0"/>
\t\t\t\t\t</lines>
\t\t\t\t</class>
\t\t\t</classes>
\t\t</package>
\t</packages>
</coverage>
`;

function project(): string {
  const root = dir();
  mkdirSync(join(root, 'src/shop'), { recursive: true });
  writeFileSync(join(root, 'src/shop/budget.py'), SOURCE);
  writeFileSync(join(root, 'coverage.xml'), REPORT.replace('SOURCE_ROOT', join(root, 'src')));
  return root;
}

describe('missing areas from the Python source beside the report', () => {
  it('names each missing range by its enclosing function, for the files asked about', () => {
    const root = project();
    const report = readCoverageReport(join(root, 'coverage.xml'), 'coverage.xml', {
      sourcesFor: (path) => path === 'shop/budget.py',
    });
    expect(report.modules[0]?.missingAreas).toEqual([
      { start: 7, end: 7, label: 'Budget.spend' },
      { start: 12, end: 12, label: 'describe' },
    ]);
  });

  it('looks up no source unless asked', () => {
    const root = project();
    const report = readCoverageReport(join(root, 'coverage.xml'));
    expect(report.modules[0]?.missingAreas).toBeUndefined();
    const other = readCoverageReport(join(root, 'coverage.xml'), 'coverage.xml', {
      sourcesFor: () => false,
    });
    expect(other.modules[0]?.missingAreas).toBeUndefined();
  });
});
