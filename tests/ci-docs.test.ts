/**
 * docs/ci.md's jobs are copied into real pipelines: each YAML block must parse (with PyYAML, the
 * parser Debian's pre-commit brings), have the shape its CI system reads, and every trackgen
 * command in it must exist and pass on a project whose documents are current.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTemplateRepo, trackgen, type ScratchRepo } from './helpers/git-repo.js';
import { repoRoot } from './helpers/run-cli.js';

const python = ['/usr/bin/python3', 'python3'].find(
  (candidate) => spawnSync(candidate, ['-c', 'import yaml']).status === 0,
);
if (python === undefined && process.env['CI'])
  throw new Error('PyYAML is required in CI; .ci/run installs pre-commit, which brings it');

const markdown = readFileSync(join(repoRoot, 'docs/ci.md'), 'utf8');
const blocks = [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

function parseYaml(text: string): Record<string, unknown> {
  const result = spawnSync(
    python ?? 'python3',
    ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'],
    { input: text, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`YAML does not parse: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/** The shell lines of a GitHub workflow (jobs.*.steps[].run) or a GitLab job (script[]). */
function shellLines(document: Record<string, unknown>): string[] {
  const jobs = document['jobs'];
  if (jobs !== undefined) {
    return Object.values(
      jobs as Record<string, { steps: { run?: string; uses?: string }[] }>,
    ).flatMap((job) => {
      expect(Array.isArray(job.steps)).toBe(true);
      return job.steps.flatMap((step) => (step.run === undefined ? [] : step.run.split('\n')));
    });
  }
  const gitlabJobs = Object.values(document) as { script?: unknown }[];
  expect(gitlabJobs.length).toBeGreaterThan(0);
  return gitlabJobs.flatMap((job) => {
    expect(Array.isArray(job.script)).toBe(true);
    return job.script as string[];
  });
}

/** Each `npx trackgen …` of a shell line, as its arguments (up to a redirection or operator). */
function trackgenCommands(line: string): string[][] {
  return [...line.matchAll(/npx trackgen ([^>|&;\n]*)/g)].map((match) =>
    (match[1] ?? '')
      .trim()
      .split(/\s+/)
      .map((word) => word.replace(/^["']|["']$/g, '')),
  );
}

describe.skipIf(python === undefined)('docs/ci.md', () => {
  let repo: ScratchRepo;
  beforeAll(async () => {
    repo = await createTemplateRepo();
    // The jobs name the report at the top of the repository, as pytest-cov writes it.
    copyFileSync(join(repo.dir, 'data/coverage.xml'), join(repo.dir, 'coverage.xml'));
    copyFileSync(join(repo.dir, 'data/coverage.xml'), join(repo.dir, 'base-coverage.xml'));
  }, 120_000);
  afterAll(() => repo.remove());

  it('has a GitHub Actions job and a GitLab CI job that gate on trackgen check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const documents = blocks.map(parseYaml);
    const github = documents.filter((document) => document['jobs'] !== undefined);
    const gitlab = documents.filter((document) => document['jobs'] === undefined);
    expect(github.length).toBeGreaterThan(0);
    expect(gitlab.length).toBeGreaterThan(0);
    for (const group of [github, gitlab])
      expect(group.flatMap(shellLines).flatMap(trackgenCommands)).toContainEqual(['check']);
  });

  it('every trackgen command in the jobs exists and passes on a current project', async () => {
    const commands = blocks.map(parseYaml).flatMap(shellLines).flatMap(trackgenCommands);
    expect(commands.length).toBeGreaterThanOrEqual(4);
    for (const args of commands) {
      const result = await trackgen(repo.dir, ...args);
      expect(result.code, `trackgen ${args.join(' ')}: ${result.stderr}`).toBe(0);
      expect(result.stdout).not.toBe('');
    }
  });
});
