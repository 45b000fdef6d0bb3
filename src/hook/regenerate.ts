/**
 * The hook's full path, loaded only when the staged change touches an input: materialise the
 * staged inputs and documents into a temporary folder, run the pipeline there (so the docs are
 * made from what will be committed, not from the working tree), then write and stage the
 * documents that changed — unless that would stage something behind the person's back.
 */
import { UsageError } from '../diagnostics.js';
import { EXIT_USAGE } from '../exit-codes.js';
import type { KnownRepository } from '../git/being-made.js';
import type { RepoLocation } from '../git/repository.js';
import type { GitOptions } from '../git/run.js';
import type { ProjectInputs } from './inputs.js';
import { inTemporaryCopy, materialise } from './materialise.js';
import { BLOCKED, type HookOutcome } from './outcome.js';

export async function regenerateStaged(
  env: GitOptions['env'],
  location: RepoLocation,
  project: ProjectInputs,
  known: KnownRepository,
): Promise<HookOutcome> {
  const atTop = { cwd: location.top, env };
  return inTemporaryCopy('trackgen-hook-', location.top, async (temp, rewrite) => {
    try {
      // The pipeline's code loads while git copies the staged files out. It starts loading only
      // once git has started: loading keeps this thread busy, and git would start late.
      let loading: Promise<typeof import('./regenerate-in.js')> | undefined;
      const copied = await materialise(temp, [...project.inputs, project.outDir], atTop, {
        whileCopying: () => {
          loading = import('./regenerate-in.js');
        },
      });
      const { regenerateIn } = await (loading ?? import('./regenerate-in.js'));
      const outcome = await regenerateIn(temp, copied, atTop, location, known);
      return {
        ...outcome,
        stdout: outcome.stdout.map(rewrite),
        stderr: outcome.stderr.map(rewrite),
      };
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      return {
        code: EXIT_USAGE,
        stdout: [],
        stderr: [
          rewrite(`trackgen hook: ${error.message}`),
          `${BLOCKED} (run trackgen generate to see the problem in the working tree)`,
        ],
      };
    }
  });
}
