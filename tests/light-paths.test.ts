/**
 * The paths a person waits on at every commit must stay light: the bin itself, `check` on an
 * unchanged project and the hook's "does this commit concern trackgen" test never load the
 * schema library, the template engine, the Markdown parser or the XML parser. The test records
 * every module a real run of the built bin resolves (tests/helpers/record-imports.mjs). The bin
 * runs the esbuild bundle (scripts/bundle.js), whose chunks hold the packages' code: the
 * bundle's metafile tells which packages each loaded chunk holds.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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
const recorder = join(repoRoot, 'tests/helpers/record-imports.mjs');
const PACKAGE_IN_PATH = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//;

/** The packages whose code each chunk of the bundle holds, by the chunk's file URL. */
function packagesByChunk(): Map<string, string[]> {
  const metafile = JSON.parse(
    readFileSync(join(repoRoot, 'dist/bundle/metafile.json'), 'utf8'),
  ) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  return new Map(
    Object.entries(metafile.outputs).map(([output, { inputs }]) => [
      pathToFileURL(resolve(repoRoot, output)).href,
      Object.keys(inputs).flatMap((input) => PACKAGE_IN_PATH.exec(`/${input}`)?.[1] ?? []),
    ]),
  );
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

/** Runs the built bin and returns its exit code and the packages it loaded. */
function packagesLoaded(
  cwd: string,
  ...args: string[]
): Promise<{ code: number; packages: string[] }> {
  const log = join(logs.dir, `${args.join('-')}-${Date.now()}.log`);
  writeFileSync(log, '');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', recorder, builtBin, ...args],
      { cwd, env: { ...process.env, ...gitEnv(), TRACKGEN_IMPORT_LOG: log } },
      (error) => {
        const urls = readFileSync(log, 'utf8').split('\n');
        const chunks = packagesByChunk();
        const packages = new Set(
          urls.flatMap((url) => chunks.get(url) ?? PACKAGE_IN_PATH.exec(url)?.[1] ?? []),
        );
        resolve({ code: error === null ? 0 : Number(error.code), packages: [...packages].sort() });
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
    } finally {
      repo.remove();
    }
  });

  it('notices a heavy package when one is loaded (the check can fail)', async () => {
    const run = await packagesLoaded(template.dir, 'validate');
    expect(run.packages).toContain('zod');
  });

  it('runs the bundle: the bin loads chunks, not the unbundled modules', async () => {
    const log = join(logs.dir, 'bundle.log');
    writeFileSync(log, '');
    await new Promise((done) => {
      execFile(
        process.execPath,
        ['--import', recorder, builtBin, '--version'],
        { env: { ...process.env, TRACKGEN_IMPORT_LOG: log } },
        done,
      );
    });
    const urls = readFileSync(log, 'utf8').split('\n');
    const chunks = packagesByChunk();
    expect(urls.filter((url) => chunks.has(url)).length).toBeGreaterThan(0);
    expect(urls.filter((url) => url.includes('/dist/cli/'))).toEqual([]);
  });
});
