/**
 * The one entry to the pipeline for generate and check: settings, then the plan — from the
 * cache when one is given and no input changed since the last run, else every stage — then,
 * when asked, the documents written. Heavy modules (zod, Handlebars, remark, the coverage
 * reader) are imported only when the cache cannot serve.
 */
import type { Flags } from '../config/settings.js';
import type { Diagnostic } from '../diagnostics.js';
import { requireDataDir } from '../config/data-dir.js';
import type { ReportCache } from './cache/report-cache.js';
import type { Plan } from './planned-file.js';
import { writePlannedFiles, type PlanWritten } from './write-planned-files.js';

export interface PipelineRequest {
  readonly cwd: string;
  readonly flags: Flags;
  /** `--force`: "all", or the arguments as given (`ID` or `FILE:ID`). */
  readonly force?: 'all' | readonly string[];
  readonly adopt?: boolean;
  /** With adopt: repair mojibake in the documents adopted. */
  readonly repairEncoding?: boolean;
  /** --print-context needs the view model, which only a full run computes. */
  readonly needModel?: boolean;
  /** Write the documents that change; otherwise nothing is written. Never while data is invalid. */
  readonly write: boolean;
}

/** What a run remembers for the next one, and gives back when nothing it read has changed. */
export interface PlanCache {
  /** The last run's plan, when its inputs are unchanged and every stored piece is still there. */
  lookUp(): Promise<Plan | undefined>;
  /** Records a plan; `written` maps each document file this run wrote to its new content. */
  remember(plan: Plan, written: ReadonlyMap<string, string>): Promise<void>;
  /** The report as last read, for a run that cannot be served whole (a record changed). */
  readonly reports?: ReportCache;
  /** The data files read to look the plan up (path → bytes): a full run loads these bytes. */
  readonly dataFiles?: ReadonlyMap<string, Buffer>;
}

export type PipelineResult =
  | {
      readonly plan: Plan;
      /** Paths this run wrote (a file whose content was already the new one is not). */
      readonly written: ReadonlySet<string>;
      readonly fromCache: boolean;
    }
  | { readonly plan: undefined; readonly configDiagnostics: readonly Diagnostic[] };

export async function runPipeline(
  request: PipelineRequest,
  cache: PlanCache | undefined,
): Promise<PipelineResult> {
  // --force and --adopt change the merge; the cache only knows the plain one.
  const servable =
    request.force === undefined && request.adopt !== true && request.needModel !== true;
  const cached = servable ? await cache?.lookUp() : undefined;
  const planned = cached === undefined ? await fullPlan(request, cache) : { plan: cached };
  if (planned.plan === undefined) return planned;
  const { plan } = planned;
  const outcome: PlanWritten =
    request.write && plan.valid
      ? await writePlannedFiles(plan)
      : { written: new Set(), contents: new Map(), diagnostics: [] };
  await cache?.remember(plan, outcome.contents);
  const reported =
    outcome.diagnostics.length === 0
      ? plan
      : { ...plan, diagnostics: [...plan.diagnostics, ...outcome.diagnostics] };
  return { plan: reported, written: outcome.written, fromCache: cached !== undefined };
}

async function fullPlan(
  request: PipelineRequest,
  cache: PlanCache | undefined,
): Promise<
  { plan: Plan; configDiagnostics?: never } | { plan: undefined; configDiagnostics: Diagnostic[] }
> {
  const { loadSettings } = await import('../config/load.js');
  const loaded = loadSettings(request.cwd, request.flags);
  if (loaded.settings === undefined)
    return { plan: undefined, configDiagnostics: loaded.diagnostics };
  await requireDataDir(loaded.settings, request.cwd);
  const { planDocuments } = await import('./plan.js');
  const plan = await planDocuments(loaded.settings, {
    cwd: request.cwd,
    ...(request.force === undefined ? {} : { force: request.force }),
    ...(request.adopt === undefined ? {} : { adopt: request.adopt }),
    ...(request.repairEncoding === true ? { repairEncoding: true } : {}),
    ...(request.flags.out === undefined ? {} : { outDirFromFlag: true }),
    ...(cache?.reports === undefined ? {} : { reportCache: cache.reports }),
    ...(cache?.dataFiles === undefined ? {} : { dataFiles: cache.dataFiles }),
  });
  return { plan };
}
