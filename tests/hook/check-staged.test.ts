/**
 * `trackgen check --staged` in process: it judges what the index holds (what the next commit
 * would record), not the working tree.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { copyRepo, createTemplateRepo, gitOk, type ScratchRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

const RECORD = 'data/sessions/054.json';

let template: ScratchRepo;
const repos: ScratchRepo[] = [];
beforeAll(async () => {
  template = await createTemplateRepo();
});
afterAll(() => template.remove());
afterEach(() => repos.splice(0).forEach((repo) => repo.remove()));

function fresh(): ScratchRepo {
  const repo = copyRepo(template);
  repos.push(repo);
  return repo;
}

describe('trackgen check --staged', () => {
  it('passes on an index that holds current documents', async () => {
    const repo = fresh();
    const result = await runCli(['check', '--staged'], repo.dir);
    expect(result.code, result.stderr).toBe(0);
  });

  it('fails when the staged data changes documents the index does not hold, whatever the working tree', async () => {
    const repo = fresh();
    repo.edit(RECORD, (text) =>
      text.replace(/"timeInvested": "[^"]*"/, '"timeInvested": "~11 hours"'),
    );
    await gitOk(repo.dir, 'add', RECORD);
    // The working tree is brought up to date; the index still holds the old documents.
    expect((await runCli(['generate', '-q'], repo.dir)).code).toBe(0);
    expect((await runCli(['check'], repo.dir)).code).toBe(0);
    const staged = await runCli(['check', '--staged'], repo.dir);
    expect(staged.code).toBe(1);
    expect(staged.stdout + staged.stderr).toMatch(/PHASE_4_PROGRESS_TRACKER\.md/);
    // Staging the regenerated documents makes the index current.
    await gitOk(repo.dir, 'add', '-A');
    expect((await runCli(['check', '--staged'], repo.dir)).code).toBe(0);
  });
});
