/**
 * The paths a person waits on at every commit must stay light: the bin itself, `check` on an
 * unchanged project and the hook's "does this commit concern trackgen" test never run the code of
 * the schema library, the template engine, the Markdown parser or the XML parser. The bin runs one
 * bundle (scripts/bundle.js), in which a module reached only through a dynamic import() is a
 * wrapper run on first use, named by the module's path (esbuild's __esm and __commonJS). The test
 * checks both halves: every module of those packages in the bundle is such a wrapper, and V8's
 * coverage of a real run of the built bin (NODE_V8_COVERAGE) shows which of them ran.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyRepo,
  createTemplateRepo,
  gitEnv,
  gitOk,
  type ScratchRepo,
} from './helpers/git-repo.js';
import { scratchDir, type ScratchDir } from './helpers/project-copy.js';
import { builtBin, repoRoot } from './helpers/run-cli.js';

const HEAVY = [
  'zod',
  'handlebars',
  'unified',
  'remark-parse',
  'remark-gfm',
  'mdast-util-to-markdown',
  'markdown-table',
  'fast-xml-parser',
  'chokidar',
];
const BUNDLE = 'dist/bundle/trackgen.cjs';
const PACKAGE_OF_MODULE = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//;

/** The bundle's modules of HEAVY packages that produced code, as the metafile names them. */
function heavyModules(): string[] {
  const metafile = JSON.parse(
    readFileSync(join(repoRoot, 'dist/bundle/metafile.json'), 'utf8'),
  ) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  const inputs = metafile.outputs[BUNDLE]?.inputs ?? {};
  return Object.entries(inputs)
    .filter(([input, { bytesInOutput }]) => {
      const name = PACKAGE_OF_MODULE.exec(input)?.[1];
      return bytesInOutput > 0 && name !== undefined && HEAVY.includes(name);
    })
    .map(([input]) => input);
}

interface CoveredFunction {
  functionName: string;
  ranges: { count: number }[];
}
interface CoverageFile {
  result: { url: string; functions: CoveredFunction[] }[];
}

let template: ScratchRepo;
let logs: ScratchDir;
beforeAll(async () => {
  template = await createTemplateRepo();
  logs = scratchDir('trackgen-imports-');
});
afterAll(() => {
  template.remove();
  logs.remove();
});

/** Runs the built bin and returns its exit code and the packages whose module code ran. */
function packagesLoaded(
  cwd: string,
  ...args: string[]
): Promise<{ code: number; packages: string[]; modules: string[] }> {
  const coverage = join(logs.dir, `${args.join('-')}-${Date.now()}`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [builtBin, ...args],
      { cwd, env: { ...process.env, ...gitEnv(), NODE_V8_COVERAGE: coverage } },
      (error) => {
        const packages = new Set<string>();
        const modules = new Set<string>();
        for (const name of readdirSync(coverage)) {
          const file = JSON.parse(readFileSync(join(coverage, name), 'utf8')) as CoverageFile;
          for (const script of file.result.filter(({ url }) => url.endsWith(BUNDLE)))
            for (const { functionName, ranges } of script.functions) {
              const match = PACKAGE_OF_MODULE.exec(functionName)?.[1];
              if (match === undefined || (ranges[0]?.count ?? 0) === 0) continue;
              packages.add(match);
              modules.add(functionName);
            }
        }
        resolve({
          code: error === null ? 0 : Number(error.code),
          packages: [...packages].sort(),
          modules: [...modules].sort(),
        });
      },
    );
  });
}

describe('the light paths load nothing heavy', () => {
  it('the bin with --version and --help', async () => {
    for (const flag of ['--version', '--help']) {
      const run = await packagesLoaded(template.dir, flag);
      expect(run.code).toBe(0);
      expect(run.packages).toEqual([]);
    }
  });

  it('check on an unchanged project', async () => {
    const repo = copyRepo(template);
    try {
      // The first check fills the run cache; the second is the one people wait on.
      expect((await packagesLoaded(repo.dir, 'check')).code).toBe(0);
      const run = await packagesLoaded(repo.dir, 'check');
      expect(run.code).toBe(0);
      expect(run.packages.filter((name) => HEAVY.includes(name))).toEqual([]);
    } finally {
      repo.remove();
    }
  });

  it('the hook on a commit that does not concern trackgen', async () => {
    const repo = copyRepo(template);
    try {
      repo.write('README.txt', 'not a trackgen input\n');
      await gitOk(repo.dir, 'add', 'README.txt');
      const run = await packagesLoaded(repo.dir, 'hook', 'run');
      expect(run.code).toBe(0);
      expect(run.packages.filter((name) => HEAVY.includes(name))).toEqual([]);
    } finally {
      repo.remove();
    }
  });

  it('the hook regenerating for a record, with the report as the last run read it', async () => {
    const repo = copyRepo(template);
    try {
      // A run in the work tree leaves the report in the run cache; the hook's copy reuses it.
      expect((await packagesLoaded(repo.dir, 'check')).code).toBe(0);
      const record = 'data/sessions/054.json';
      repo.write(
        record,
        readFileSync(join(repo.dir, record), 'utf8').replace('"title": "', '"title": "Hook: '),
      );
      await gitOk(repo.dir, 'add', record);
      const run = await packagesLoaded(repo.dir, 'hook', 'run');
      expect(run.code).toBe(0);
      expect(run.packages).not.toContain('fast-xml-parser');
      expect(run.packages).toContain('handlebars');
      // The built-in templates come precompiled in the bundle: Handlebars' compiler never runs.
      expect(run.modules.some((module) => module.includes('handlebars/runtime'))).toBe(true);
      expect(run.modules.filter((module) => /handlebars\/compiler\//.test(module))).toEqual([]);
    } finally {
      repo.remove();
    }
  });

  it('notices a heavy package when one is loaded (the check can fail)', async () => {
    const run = await packagesLoaded(template.dir, 'validate');
    expect(run.packages).toContain('zod');
  });

  it('holds every module of the heavy packages as a wrapper run on first use', () => {
    const bundle = readFileSync(join(repoRoot, BUNDLE), 'utf8');
    const modules = heavyModules();
    expect(modules.length).toBeGreaterThan(100);
    expect(modules.filter((input) => !bundle.includes(`${JSON.stringify(input)}(`))).toEqual([]);
  });
});
