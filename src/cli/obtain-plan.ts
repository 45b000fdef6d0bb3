/**
 * Gets the plan for generate and check: from the cache when no input changed since the last run
 * (cheap: no schema library, no templates), otherwise by running every stage. Heavy modules are
 * imported only on that second path.
 */
import { findConfig, unvalidatedSettings, type Flags, type Settings } from '../config/settings.js';
import type { Diagnostic } from '../diagnostics.js';
import { cacheKey, cachedPlan, type CacheKey } from '../pipeline/cached-plan.js';
import type { CacheState } from '../pipeline/run-cache.js';
import type { Plan } from '../pipeline/plan.js';
import type { CliContext } from './io.js';
import { requireDataDir } from './resolve-paths.js';

export interface PlanRequest {
  readonly force?: 'all' | ReadonlySet<string>;
  readonly adopt?: boolean;
  /** --print-context needs the view model, which only a full run computes. */
  readonly needModel?: boolean;
}

export type ObtainedPlan =
  | {
      readonly plan: Plan;
      readonly settings: Settings;
      readonly key: CacheKey | undefined;
      /** The cache state the plan came from, when it did. */
      readonly cached: CacheState | undefined;
    }
  | { readonly plan: undefined; readonly configDiagnostics: readonly Diagnostic[] };

export async function obtainPlan(
  context: CliContext,
  flags: Flags,
  request: PlanRequest = {},
): Promise<ObtainedPlan> {
  const source = findConfig(context.cwd);
  const quick = unvalidatedSettings(context.cwd, flags, source);
  // The key is taken before any input is read, so what it describes is never newer than the run.
  const key = quick === undefined ? undefined : cacheKey(quick, source.text, context.env);
  const cacheable =
    request.force === undefined && request.adopt !== true && request.needModel !== true;
  if (cacheable && key !== undefined && quick !== undefined) {
    const hit = await cachedPlan(key, quick);
    if (hit !== undefined) return { plan: hit.plan, settings: quick, key, cached: hit.state };
  }
  const { loadSettings } = await import('../config/load.js');
  const loaded = loadSettings(context.cwd, flags);
  if (loaded.settings === undefined)
    return { plan: undefined, configDiagnostics: loaded.diagnostics };
  await requireDataDir(loaded.settings.dataDir);
  const { planDocuments } = await import('../pipeline/plan.js');
  const plan = await planDocuments(loaded.settings, {
    cwd: context.cwd,
    ...(request.force === undefined ? {} : { force: request.force }),
    ...(request.adopt === undefined ? {} : { adopt: request.adopt }),
  });
  return { plan, settings: loaded.settings, key, cached: undefined };
}
