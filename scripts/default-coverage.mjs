#!/usr/bin/env node
// Generates example/data/coverage.xml: the default project's coverage report, a
// coverage.py-style Cobertura XML (as `coverage xml` of coverage.py 7.x writes
// it with branch coverage on) whose figures reproduce the reference Phase 4
// tracker (Session 54 of the ai-language-tutor-app campaign).
//
// Deterministic: no clock, no Math.random. Every figure below is data; line
// hits, branch attributes and all rates/counts are computed from it the way
// coverage.py's xmlreport.py computes them.
//
// Usage: node scripts/default-coverage.mjs [output path]   (default example/data/coverage.xml)
// Verify with: node scripts/check-default-coverage.mjs

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(process.argv[2] ?? resolve(ROOT, 'example/data/coverage.xml'));

// ---------------------------------------------------------------------------
// Report metadata
const COVERAGE_VERSION = '7.11.0';
// 2025-11-24T18:42:17.318Z: the day of Session 54. Fixed for reproducibility.
const TIMESTAMP = String(Date.UTC(2025, 10, 24, 18, 42, 17, 318));
const SOURCE = '/Users/dev/projects/ai-language-tutor-app';

// ---------------------------------------------------------------------------
// Targets (from the reference tracker)
const TARGET_TOTAL_PCT = '69.22';
// The same report with ai_model_manager at its Session 54 starting figure.
const TARGET_BEFORE_PCT = '67.47';

// ---------------------------------------------------------------------------
// Constrained modules. `ranges` are the missing ranges exactly as
// `coverage report -m` prints them. `executedBranches` says how the covered
// branches sit: `partial` executed lines with one of two exits taken, `full`
// executed lines with both exits taken; all other branch lines are unexecuted.
const CONSTRAINED = [
  {
    // Phase 4 module 1: TRUE 100% after Session 54.
    path: 'app/services/ai_model_manager.py',
    length: 1012,
    statements: 352,
    missed: 0,
    branches: 120,
    executedBranches: { full: 60, partial: 0 },
    // The "final branch (589->585)": an `if` inside the loop at 585.
    pinnedBranches: [
      [585, [586, 'exit']],
      [589, [590, 585]],
    ],
    // Its Session 54 starting figure: 38.77% (186 missed, 3 partial branches).
    before: { missed: 186, coveredBranches: 17, partial: 3, pct: '38.77' },
  },
  {
    path: 'app/services/budget_manager.py',
    length: 712,
    statements: 213,
    missed: 146,
    branches: 68,
    executedBranches: { full: 0, partial: 4 },
    pct: '25.27',
    ranges:
      '109-166, 170-179, 206-227, 242-254, 273-280, 286-291, 295-297, 301-303, 314-317, 323, 340-350, 365-381, 412-448, 460-540, 544-587, 593-603, 607-640, 663-676, 686, 691, 703, 712',
  },
  {
    path: 'app/services/admin_auth.py',
    length: 641,
    statements: 214,
    missed: 158,
    branches: 66,
    executedBranches: { full: 1, partial: 4 },
    pct: '22.14',
  },
  {
    // The tracker says "Lines: 628", but its own missing ranges run to 638:
    // the report's ranges win, so the file is 638 lines and line 638 is its
    // last (missed) statement. See the checker and the README note.
    path: 'app/services/sync.py',
    length: 638,
    statements: 267,
    missed: 170,
    branches: 78,
    executedBranches: { full: 3, partial: 3 },
    pct: '30.72',
    ranges:
      '120-187, 193-254, 260-276, 280, 286-293, 297, 311, 322-340, 344-357, 363-369, 375-379, 385-403, 409-420, 426-438, 444-464, 470-472, 478-522, 555, 564-578, 598, 606, 628, 633, 638',
  },
];

// The 27 modules completed to TRUE 100% in phases 1-3 (Sessions 27-53), named
// as in the campaign's own documents. Sizes: figures the campaign documents
// give (database/config 195/44, local_config 198/60, chromadb_config 115/26,
// core/config 20 and core/security 16 branches, simple_user 27 statements and
// no branches, progress_analytics_service 469 statements; Phase 3 in total
// 1,517 statements), the rest plausible. [path, statements, branches, length]
const COMPLETE_PHASES_1_3 = [
  // phases 1-2 (Sessions 27-43)
  ['app/services/conversation_persistence.py', 112, 28, 318],
  ['app/services/progress_analytics_service.py', 469, 136, 1287],
  ['app/services/content_processor.py', 398, 114, 1187],
  ['app/services/ai_router.py', 287, 96, 846],
  ['app/services/user_management.py', 306, 78, 905],
  ['app/services/conversation_state.py', 104, 22, 289],
  ['app/services/claude_service.py', 121, 34, 352],
  ['app/services/ollama_service.py', 183, 52, 512],
  ['app/services/visual_learning_service.py', 251, 60, 702],
  ['app/services/sr_sessions.py', 113, 24, 331],
  ['app/services/auth.py', 263, 62, 731],
  ['app/services/conversation_messages.py', 98, 26, 268],
  ['app/services/realtime_analyzer.py', 319, 108, 985],
  ['app/services/sr_algorithm.py', 156, 44, 442],
  ['app/services/scenario_manager.py', 276, 70, 824],
  ['app/services/feature_toggle_manager.py', 217, 74, 611],
  ['app/services/mistral_stt_service.py', 118, 28, 341],
  // phase 3 (Sessions 44-53): 1,517 statements
  ['app/models/database.py', 268, 10, 689],
  ['app/models/schemas.py', 204, 8, 612],
  ['app/models/feature_toggle.py', 82, 6, 258],
  ['app/models/simple_user.py', 27, 0, 76],
  ['app/core/config.py', 98, 20, 247],
  ['app/core/security.py', 124, 16, 361],
  ['app/database/config.py', 195, 44, 574],
  ['app/database/migrations.py', 206, 34, 598],
  ['app/database/local_config.py', 198, 60, 571],
  ['app/database/chromadb_config.py', 115, 26, 364],
];

// Every other module of the project: partially covered. [path, statements,
// branches, coverage band]. Paths are the project's real module paths;
// statements and branches are plausible; the band picks a realistic coverage
// (api/frontend layers low, services mixed). The exact covered counts are
// derived below, so that the totals hit the tracker's figures.
const BANDS = {
  zero: [0, 0], // never imported by the test suite
  low: [0.12, 0.35],
  mid: [0.36, 0.7],
  high: [0.71, 0.93],
  near: [0.95, 0.995], // 100% of statements or nearly, branches partial
};
const OTHERS = [
  ['app/main.py', 92, 12, 'mid'],
  ['app/frontend_main.py', 34, 2, 'high'],
  ['app/api/admin.py', 238, 44, 'low'],
  ['app/api/ai_models.py', 171, 36, 'low'],
  ['app/api/budget.py', 152, 30, 'low'],
  ['app/api/content.py', 176, 32, 'mid'],
  ['app/api/conversations.py', 163, 30, 'mid'],
  ['app/api/feature_toggles.py', 139, 26, 'low'],
  ['app/api/language_config.py', 131, 24, 'mid'],
  ['app/api/learning_analytics.py', 141, 18, 'low'],
  ['app/api/ollama.py', 58, 8, 'mid'],
  ['app/api/progress_analytics.py', 142, 18, 'low'],
  ['app/api/realtime_analysis.py', 134, 24, 'mid'],
  ['app/api/scenario_management.py', 196, 40, 'low'],
  ['app/api/scenarios.py', 147, 28, 'mid'],
  ['app/api/tutor_modes.py', 94, 14, 'mid'],
  ['app/api/visual_learning.py', 133, 20, 'mid'],
  ['app/frontend/admin_ai_models.py', 118, 16, 'zero'],
  ['app/frontend/admin_dashboard.py', 96, 22, 'high'],
  ['app/frontend/admin_feature_toggles.py', 74, 10, 'low'],
  ['app/frontend/admin_language_config.py', 66, 8, 'low'],
  ['app/frontend/admin_learning_analytics.py', 88, 14, 'low'],
  ['app/frontend/admin_routes.py', 158, 28, 'mid'],
  ['app/frontend/admin_scenario_management.py', 102, 16, 'low'],
  ['app/frontend/chat.py', 47, 6, 'high'],
  ['app/frontend/content_view.py', 58, 10, 'mid'],
  ['app/frontend/layout.py', 41, 8, 'high'],
  ['app/frontend/learning_analytics_dashboard.py', 112, 20, 'low'],
  ['app/frontend/progress.py', 36, 4, 'high'],
  ['app/frontend/progress_analytics_dashboard.py', 124, 26, 'low'],
  ['app/frontend/styles.py', 12, 0, 'high'],
  ['app/frontend/user_budget_routes.py', 109, 22, 'zero'],
  ['app/frontend/user_ui.py', 63, 10, 'mid'],
  ['app/middleware/admin_middleware.py', 87, 22, 'mid'],
  ['app/services/ai_service_base.py', 94, 24, 'high'],
  ['app/services/ai_test_suite.py', 168, 36, 'low'],
  ['app/services/conversation_analytics.py', 118, 24, 'high'],
  ['app/services/conversation_manager.py', 89, 8, 'high'],
  ['app/services/conversation_models.py', 62, 4, 'near'],
  ['app/services/conversation_prompts.py', 38, 10, 'high'],
  ['app/services/deepseek_service.py', 138, 34, 'near'],
  ['app/services/feature_toggle_service.py', 389, 150, 'mid'],
  ['app/services/learning_session_manager.py', 132, 28, 'mid'],
  ['app/services/mistral_service.py', 129, 30, 'near'],
  ['app/services/piper_tts_service.py', 143, 40, 'near'],
  ['app/services/qwen_service.py', 132, 30, 'near'],
  ['app/services/response_cache.py', 104, 28, 'high'],
  ['app/services/scenario_factory.py', 71, 14, 'high'],
  ['app/services/scenario_io.py', 84, 22, 'mid'],
  ['app/services/scenario_models.py', 94, 6, 'high'],
  ['app/services/scenario_templates.py', 36, 4, 'high'],
  ['app/services/scenario_templates_extended.py', 118, 6, 'mid'],
  ['app/services/spaced_repetition_manager.py', 147, 26, 'high'],
  ['app/services/speech_processor.py', 452, 140, 'near'],
  ['app/services/sr_analytics.py', 112, 32, 'high'],
  ['app/services/sr_database.py', 58, 10, 'high'],
  ['app/services/sr_gamification.py', 104, 30, 'high'],
  ['app/services/sr_models.py', 54, 2, 'high'],
  ['app/services/tutor_mode_manager.py', 121, 28, 'mid'],
  ['app/utils/api_key_validator.py', 118, 30, 'low'],
  ['app/utils/sqlite_adapters.py', 28, 6, 'mid'],
  ['app/frontend/home.py', 52, 8, 'high'],
];
// The module whose statement count absorbs the small adjustment that makes
// both 69.22% and 67.47% reachable with whole numbers.
const SLACK_MODULE = 'app/services/feature_toggle_service.py';

// ---------------------------------------------------------------------------
// Small helpers

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function seedOf(str) {
  let h = 2166136261;
  for (const ch of str) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

// coverage.py's display rule: round(pc, 2) (half-even on the exact ratio here,
// the float ties never occur with our integers), formatted "%.2f".
function pct2(covered, total) {
  if (total === 0) return '100.00';
  const num = covered * 10000; // in hundredths of a percent
  let q = Math.floor(num / total);
  const r = num - q * total;
  if (2 * r > total || (2 * r === total && q % 2 === 1)) q += 1;
  if (q === 0 && covered > 0) q = 1; // coverage.py never shows 0.00 for >0
  if (q === 10000 && covered < total) q = 9999; // ... nor 100.00 for <100
  return `${Math.floor(q / 100)}.${String(q % 100).padStart(2, '0')}`;
}

// coverage.py: rate() -> "%.4g" % (hit / num), "1" when num == 0.
function rate(hit, num) {
  if (num === 0) return '1';
  return formatG4(hit / num);
}
// Python's "%.4g": 4 significant digits of the double's exact value, ties to
// even (17/32 = 0.53125 -> "0.5312"; JS toPrecision would give "0.5313"),
// trailing zeros removed, exponent form below 1e-4.
function formatG4(x) {
  if (x === 0) return '0';
  // exact value of the double as n / 2^k
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(x));
  const bits = buf.getBigUint64(0);
  const e = Number((bits >> 52n) & 0x7ffn);
  let n = bits & ((1n << 52n) - 1n);
  let k = 1074;
  if (e > 0) {
    n |= 1n << 52n;
    k = 1075 - e;
  }
  let d = 1n;
  if (k >= 0) d <<= BigInt(k);
  else {
    n <<= BigInt(-k);
  }
  // decimal exponent: 10^exp <= x < 10^(exp+1)
  let exp = Math.floor(Math.log10(Math.abs(x)));
  const ge = (a, b, p) => (p >= 0 ? a >= b * 10n ** BigInt(p) : a * 10n ** BigInt(-p) >= b);
  if (!ge(n, d, exp)) exp -= 1;
  else if (ge(n, d, exp + 1)) exp += 1;
  // digits = round_half_even(x / 10^(exp-3))
  const shift = exp - 3;
  let num = n;
  let den = d;
  if (shift >= 0) den *= 10n ** BigInt(shift);
  else num *= 10n ** BigInt(-shift);
  let q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) q += 1n;
  if (q === 10000n) {
    q = 1000n;
    exp += 1;
  }
  const digits = q.toString(); // 4 digits
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 4) {
    const m = `${digits[0]}.${digits.slice(1)}`.replace(/\.?0+$/, '');
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  let str;
  if (exp === 3) str = digits;
  else if (exp >= 0) str = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  else str = '0.' + '0'.repeat(-exp - 1) + digits;
  if (str.includes('.')) str = str.replace(/\.?0+$/, '');
  return sign + str;
}

function parseRanges(text) {
  return text.split(',').map((part) => {
    const [a, b] = part.trim().split('-').map(Number);
    return [a, b ?? a];
  });
}

function spread(rng, lo, hi, count) {
  // `count` distinct integers in [lo, hi], evenly spread with jitter.
  const n = hi - lo + 1;
  if (count > n) throw new Error(`cannot place ${count} lines in ${lo}-${hi}`);
  const all = [];
  for (let i = lo; i <= hi; i++) all.push(i);
  // Fisher-Yates with the seeded generator, then sort.
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, count).sort((x, y) => x - y);
}

// Apportion `total` among weights with per-item [min, max] bounds.
function apportion(total, items) {
  const out = items.map((it) => it.min);
  let left = total - out.reduce((s, v) => s + v, 0);
  if (left < 0) throw new Error('apportion: minimums exceed total');
  const wsum = items.reduce((s, it) => s + it.weight, 0) || 1;
  items.forEach((it, i) => {
    const add = Math.min(it.max - out[i], Math.floor((left * it.weight) / wsum));
    out[i] += add;
  });
  left = total - out.reduce((s, v) => s + v, 0);
  for (let pass = 0; left > 0 && pass < 1000; pass++) {
    for (let i = 0; i < items.length && left > 0; i++) {
      if (out[i] < items[i].max) {
        out[i] += 1;
        left -= 1;
      }
    }
  }
  if (left !== 0) throw new Error('apportion: maximums too small');
  return out;
}

// ---------------------------------------------------------------------------
// Line layout of one file.
//
// Returns { statements: number[], missed: Set, branches: Map(line -> {exits, taken}) }
// where exits are line numbers or 'exit' and `taken` a Set of taken exits.

function layoutWithRanges(spec, rng) {
  const { length, statements: S, missed: M } = spec;
  const ranges = parseRanges(spec.ranges);
  const missed = new Set();
  // Endpoints of every range are missed statements.
  for (const [a, b] of ranges) {
    missed.add(a);
    missed.add(b);
  }
  // Interior missed statements, apportioned by interior size.
  const extra = apportion(
    M - missed.size,
    ranges.map(([a, b]) => {
      const interior = Math.max(0, b - a - 1);
      return { min: 0, max: Math.floor(interior * 0.8), weight: interior };
    }),
  );
  ranges.forEach(([a, b], i) => {
    if (extra[i] > 0) for (const l of spread(rng, a + 1, b - 1, extra[i])) missed.add(l);
  });
  // Executed statements in the gaps: header, between ranges (at least one, so
  // the ranges stay separate) and a tail after the last range.
  const gaps = [];
  let prev = 0;
  for (const [a, b] of ranges) {
    gaps.push([prev + 1, a - 1, prev > 0]);
    prev = b;
  }
  if (prev < length) gaps.push([prev + 1, length, false]);
  const counts = apportion(
    S - M,
    gaps.map(([lo, hi, mustHave]) => {
      const size = Math.max(0, hi - lo + 1);
      return {
        min: mustHave ? 1 : 0,
        max: Math.floor(size * 0.75) || Math.min(size, 1),
        weight: size,
      };
    }),
  );
  const executed = new Set();
  gaps.forEach(([lo, hi], i) => {
    if (counts[i] === 0) return;
    // Line 1 (module docstring) is always a statement in the header gap.
    if (lo === 1) {
      executed.add(1);
      if (counts[i] > 1) for (const l of spread(rng, 2, hi, counts[i] - 1)) executed.add(l);
    } else {
      // The line right before a range is usually its `def`/`if`.
      executed.add(hi);
      if (counts[i] > 1) for (const l of spread(rng, lo, hi - 1, counts[i] - 1)) executed.add(l);
    }
  });
  const statements = [...missed, ...executed].sort((x, y) => x - y);
  return { statements, missed };
}

function layoutFree(spec, rng) {
  // No prescribed ranges: a module header (docstring, imports, constants)
  // followed by functions. Importing the module runs the header and every
  // `def` line; tests then ran some function bodies fully, one partly (an
  // early return) and the rest not at all, so missed statements come in
  // whole bodies, each range broken by the next `def`.
  const { length, statements: S, missed: M } = spec;
  const stmts = [1, ...spread(rng, 2, length, S - 1)];
  const missed = new Set();
  if (M >= S) {
    for (const l of stmts) missed.add(l); // never imported
    return { statements: stmts, missed };
  }
  const E = S - M;
  const header = Math.max(1, Math.min(Math.round(S * 0.12), Math.floor(E / 2)));
  const rest = S - header;
  const funcs = Math.max(
    rest >= 2 ? 1 : 0,
    Math.min(Math.round(rest / 9), E - header, Math.floor(rest / 2)),
  );
  // Cut the rest into `funcs` blocks of at least 2 statements (def + body).
  const cuts = funcs > 1 ? spread(rng, 1, rest - 2 * funcs + funcs - 1, funcs - 1) : [];
  const sizes = [];
  let prevCut = 0;
  for (const c of [...cuts, rest - 2 * funcs + funcs]) {
    sizes.push(c - prevCut + 1);
    prevCut = c;
  }
  // sizes sum: rest - 2*funcs + funcs + funcs = rest; each >= 1, add the def
  const blocks = [];
  let at = header;
  for (const sz of sizes) {
    const size = sz + 0; // statements in this block, def included
    blocks.push(stmts.slice(at, at + size));
    at += size;
  }
  if (funcs > 0 && at !== S) throw new Error(`${spec.path}: block split ${at} != ${S}`);
  let toRun = E - header - funcs; // body statements that ran
  if (toRun < 0) throw new Error(`${spec.path}: not enough executed statements for the defs`);
  const order = blocks.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const ran = new Map(); // block index -> body statements executed
  for (const i of order) {
    const body = blocks[i].length - 1;
    const r = Math.min(body, toRun);
    ran.set(i, r);
    toRun -= r;
  }
  blocks.forEach((b, i) => {
    for (let k = 1 + ran.get(i); k < b.length; k++) missed.add(b[k]);
  });
  if (missed.size !== M) throw new Error(`${spec.path}: ${missed.size} missed, want ${M}`);
  return { statements: stmts, missed };
}

function placeBranches(spec, layout, rng) {
  const { statements, missed } = layout;
  const idx = new Map(statements.map((l, i) => [l, i]));
  const next = (l, k = 1) => statements[idx.get(l) + k] ?? 'exit';
  const isExec = (t) => t === 'exit' || !missed.has(t);
  const lines = spec.branches / 2;
  if (!Number.isInteger(lines)) throw new Error(`${spec.path}: odd branch count`);
  const { full, partial } = spec.executedBranches;
  const missedLines = lines - full - partial;
  const branches = new Map();

  for (const [line, exits] of spec.pinnedBranches ?? []) {
    if (!idx.has(line) || missed.has(line))
      throw new Error(`${spec.path}: pinned ${line} not executed`);
    for (const t of exits)
      if (t !== 'exit' && (!idx.has(t) || missed.has(t)))
        throw new Error(`${spec.path}: pinned target ${t}`);
    branches.set(line, { exits, taken: new Set(exits) });
  }
  const pinnedFull = branches.size;

  // Partial branches: an executed line followed by a missed statement (the
  // skipped block); the other exit jumps to the next executed statement.
  const partialCands = statements.filter(
    (l) => !missed.has(l) && !branches.has(l) && next(l) !== 'exit' && missed.has(next(l)),
  );
  const partialPicks = pickSome(
    rng,
    partialCands,
    Math.min(partial, partialCands.length),
    `${spec.path}: partial`,
  );
  for (const l of partialPicks) {
    const skip = next(l);
    let k = 1;
    while (next(l, k) !== 'exit' && missed.has(next(l, k))) k++;
    const jump = next(l, k);
    branches.set(l, { exits: [skip, jump], taken: new Set([jump]) });
  }
  // Where no block was skipped (a file whose statements all ran): an `if`
  // whose body ran every time, so the jump past the body was never taken.
  if (partialPicks.length < partial) {
    const cands = statements.filter(
      (l) =>
        !missed.has(l) &&
        !branches.has(l) &&
        next(l) !== 'exit' &&
        isExec(next(l)) &&
        next(l, 2) !== 'exit' &&
        isExec(next(l, 2)),
    );
    const ifBody = pickSome(
      rng,
      cands,
      Math.min(cands.length, partial - partialPicks.length),
      `${spec.path}: partial (if-body)`,
    );
    for (const l of ifBody)
      branches.set(l, { exits: [next(l), next(l, 2)], taken: new Set([next(l)]) });
    // Last resort (tiny files): a guard that always returned early.
    const rest = partial - partialPicks.length - ifBody.length;
    if (rest > 0) {
      const guards = statements.filter(
        (l) => !missed.has(l) && !branches.has(l) && next(l) !== 'exit',
      );
      for (const l of pickSome(rng, guards, rest, `${spec.path}: partial (guard)`)) {
        branches.set(l, { exits: [next(l), 'exit'], taken: new Set(['exit']) });
      }
    }
  }
  // Fully covered branches: an executed line whose next two statements ran.
  const fullCands = statements.filter(
    (l) =>
      !missed.has(l) &&
      !branches.has(l) &&
      isExec(next(l)) &&
      next(l) !== 'exit' &&
      isExec(next(l, 2)),
  );
  const fullPicks = pickSome(rng, fullCands, full - pinnedFull, `${spec.path}: full`);
  for (const l of fullPicks)
    branches.set(l, { exits: [next(l), next(l, 2)], taken: new Set([next(l), next(l, 2)]) });
  // Unexecuted branch lines: inside missed blocks, nothing taken.
  const missedCands = statements.filter(
    (l) => missed.has(l) && next(l) !== 'exit' && !branches.has(l),
  );
  const missedPicks = pickSome(rng, missedCands, missedLines, `${spec.path}: missed`);
  for (const l of missedPicks) branches.set(l, { exits: [next(l), next(l, 2)], taken: new Set() });
  return branches;
}

function pickSome(rng, cands, n, what) {
  if (n < 0 || n > cands.length) throw new Error(`${what}: need ${n}, have ${cands.length}`);
  if (n === 0) return [];
  // Evenly spaced picks with jitter: deterministic and spread over the file.
  const step = cands.length / n;
  const out = [];
  for (let i = 0; i < n; i++)
    out.push(cands[Math.min(cands.length - 1, Math.floor(i * step + rng() * step))]);
  return [...new Set(out)].length === n ? out : cands.slice(0, n);
}

// ---------------------------------------------------------------------------
// Solve the free figures: the other modules' covered counts and one module's
// size, so that the project total is 69.22% and the "before" total 67.47%.

function solveProject() {
  const modules = [];
  for (const c of CONSTRAINED) modules.push({ ...c, group: 'constrained' });
  for (const [path, statements, branches, length] of COMPLETE_PHASES_1_3) {
    const half = branches / 2;
    modules.push({
      path,
      length,
      statements,
      missed: 0,
      branches,
      executedBranches: { full: half, partial: 0 },
      group: 'complete',
    });
  }
  for (const [path, statements, branches, band] of OTHERS) {
    const rng = mulberry32(seedOf(path));
    const [lo, hi] = BANDS[band];
    const target = lo + (hi - lo) * rng();
    modules.push({ path, statements, branches, band, target, group: 'other' });
  }

  const covered = (m) => m.statements - m.missed + coveredBranches(m);
  const sizeOf = (m) => m.statements + m.branches;
  const others = modules.filter((m) => m.group === 'other');
  const slack = others.find((m) => m.path === SLACK_MODULE);

  // "Before" differs from "after" only in ai_model_manager.
  const amm = CONSTRAINED[0];
  const ammDrop =
    amm.statements +
    amm.branches -
    (amm.statements - amm.before.missed + amm.before.coveredBranches);

  const baseSize = modules.reduce((s, m) => s + sizeOf(m), 0);
  if (process.env.DEBUG) console.error('baseSize', baseSize, 'ammDrop', ammDrop);
  let chosen = null;
  for (let d = 0; d <= 400 && !chosen; d++) {
    for (const dT of d === 0 ? [0] : [d, -d]) {
      const T = baseSize + dT;
      for (let C = Math.floor(T * 0.69); C <= Math.ceil(T * 0.695); C++) {
        if (pct2(C, T) === TARGET_TOTAL_PCT && pct2(C - ammDrop, T) === TARGET_BEFORE_PCT) {
          chosen = { dT, T, C };
          break;
        }
      }
      if (chosen) break;
    }
  }
  if (!chosen) throw new Error('no whole-number total satisfies 69.22% and 67.47%');
  slack.statements += chosen.dT;

  // Initial split of each other module by its band target.
  for (const m of others) {
    const size = sizeOf(m);
    if (m.band === 'zero') {
      Object.assign(m, { missed: m.statements, executedBranches: { full: 0, partial: 0 } });
      continue;
    }
    if (m.band === 'near') {
      // Every statement ran; one or two branches only partly taken.
      const partial = m.branches >= 4 ? 2 : 1;
      Object.assign(m, {
        missed: 0,
        executedBranches: { full: m.branches / 2 - partial, partial },
      });
      continue;
    }
    const want = Math.round(m.target * size);
    const br = Math.round((want / size) * m.branches * 0.85); // branches trail statements
    const brCovered = Math.max(0, Math.min(m.branches, br));
    const stCovered = Math.max(1, Math.min(m.statements - 1, want - brCovered));
    m.missed = m.statements - stCovered;
    m.executedBranches = splitBranches(brCovered, m.branches);
  }
  // Distribute the remaining difference over the adjustable modules, one
  // statement at a time, round robin (keeping each strictly below 100% and
  // above 0%).
  const adjustable = others.filter(
    (m) => m.band === 'low' || m.band === 'mid' || m.band === 'high',
  );
  let diff = chosen.C - modules.reduce((s, m) => s + covered(m), 0);
  if (process.env.DEBUG) console.error('diff', diff);
  // First proportionally to module size, then one statement at a time.
  const sumS = adjustable.reduce((s, m) => s + m.statements, 0);
  const want0 = diff;
  for (const m of adjustable) {
    const share = Math.trunc((want0 * m.statements) / sumS);
    const newMissed = Math.max(2, Math.min(m.statements - 2, m.missed - share));
    diff -= m.missed - newMissed;
    m.missed = newMissed;
  }
  for (let guard = 0; diff !== 0 && guard < 100000; guard++) {
    const m = adjustable[guard % adjustable.length];
    if (diff > 0 && m.missed > 2) {
      m.missed -= 1;
      diff -= 1;
    } else if (diff < 0 && m.missed < m.statements - 2) {
      m.missed += 1;
      diff += 1;
    }
  }
  if (diff !== 0) throw new Error('could not distribute covered lines');

  for (const m of others)
    m.length = Math.round(m.statements * (2.6 + mulberry32(seedOf(m.path) ^ 7)() * 0.9));
  return { modules, chosen, ammDrop };
}

function coveredBranches(m) {
  return 2 * m.executedBranches.full + m.executedBranches.partial;
}
function splitBranches(covered, total) {
  // covered = 2*full + partial, with lines = total/2 >= full + partial.
  const lines = total / 2;
  let partial = Math.min(lines, Math.max(covered % 2, Math.round(covered * 0.3)));
  if ((covered - partial) % 2) partial += 1;
  let full = (covered - partial) / 2;
  while (full + partial > lines) {
    // trade two partials for one full
    partial -= 2;
    full += 1;
  }
  return { full, partial };
}

// ---------------------------------------------------------------------------
// Build per-file line data and write the XML exactly as coverage.py's
// xmlreport.py + minidom.toprettyxml() does (tab indent, attribute order).

function buildFile(m) {
  const rng = mulberry32(seedOf(m.path) ^ 0x9e3779b9);
  const layout = m.ranges ? layoutWithRanges(m, rng) : layoutFree(m, rng);
  // Pinned branch lines must be executed statements.
  for (const [line, exits] of m.pinnedBranches ?? []) {
    for (const l of [line, ...exits]) {
      if (l !== 'exit' && !layout.statements.includes(l)) {
        layout.statements.push(l);
      }
    }
  }
  if (m.pinnedBranches) {
    layout.statements.sort((a, b) => a - b);
    // keep the statement count: drop unpinned executed statements near the end
    const pinned = new Set(m.pinnedBranches.flatMap(([l, ex]) => [l, ...ex]));
    while (layout.statements.length > m.statements) {
      const i = layout.statements.findLastIndex((l) => !pinned.has(l) && l !== m.length);
      layout.statements.splice(i, 1);
    }
  }
  if (layout.statements.length !== m.statements)
    throw new Error(`${m.path}: ${layout.statements.length} statements`);
  const branches = placeBranches(m, layout, rng);
  return { ...m, ...layout, branchMap: branches };
}

function humanKey(s) {
  return s.split(/(\d+)/).map((c, i) => (i % 2 ? Number(c) : c));
}
function humanCompare(a, b) {
  const ka = humanKey(a);
  const kb = humanKey(b);
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    if (ka[i] === kb[i]) continue;
    if (typeof ka[i] === typeof kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return typeof ka[i] === 'number' ? -1 : 1;
  }
  return ka.length - kb.length || (a < b ? -1 : a > b ? 1 : 0);
}

function escapeAttr(s) {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/>/g, '&gt;');
}

function renderXml(files) {
  const packages = new Map();
  for (const f of files) {
    const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '.';
    const name = dir.replace(/\//g, '.');
    if (!packages.has(name)) packages.set(name, []);
    packages.get(name).push(f);
  }
  const tot = { lines: 0, hits: 0, br: 0, brHits: 0 };
  const pkgOut = [];
  for (const name of [...packages.keys()].sort(humanCompare)) {
    const p = { lines: 0, hits: 0, br: 0, brHits: 0 };
    const classes = [];
    for (const f of packages.get(name).sort((a, b) => humanCompare(a.path, b.path))) {
      const out = [];
      let hits = 0;
      let br = 0;
      let brHits = 0;
      for (const l of f.statements) {
        const hit = f.missed.has(l) ? 0 : 1;
        hits += hit;
        let attrs = `number="${l}" hits="${hit}"`;
        const b = f.branchMap.get(l);
        if (b) {
          const total = b.exits.length;
          const taken = b.taken.size;
          br += total;
          brHits += taken;
          attrs += ` branch="true" condition-coverage="${Math.floor((100 * taken) / total)}% (${taken}/${total})"`;
          const miss = b.exits.filter((e) => !b.taken.has(e));
          if (miss.length) attrs += ` missing-branches="${miss.map(String).join(',')}"`;
        }
        out.push(`\t\t\t\t\t\t<line ${attrs}/>`);
      }
      const base = f.path.slice(f.path.lastIndexOf('/') + 1);
      classes.push(
        `\t\t\t\t<class name="${escapeAttr(base)}" filename="${escapeAttr(f.path)}" complexity="0" line-rate="${rate(hits, f.statements.length)}" branch-rate="${rate(brHits, br)}">`,
        '\t\t\t\t\t<methods/>',
        '\t\t\t\t\t<lines>',
        ...out,
        '\t\t\t\t\t</lines>',
        '\t\t\t\t</class>',
      );
      p.lines += f.statements.length;
      p.hits += hits;
      p.br += br;
      p.brHits += brHits;
    }
    pkgOut.push(
      `\t\t<package name="${escapeAttr(name)}" line-rate="${rate(p.hits, p.lines)}" branch-rate="${rate(p.brHits, p.br)}" complexity="0">`,
      '\t\t\t<classes>',
      ...classes,
      '\t\t\t</classes>',
      '\t\t</package>',
    );
    for (const k of Object.keys(tot)) tot[k] += p[k];
  }
  return [
    '<?xml version="1.0" ?>',
    `<coverage version="${COVERAGE_VERSION}" timestamp="${TIMESTAMP}" lines-valid="${tot.lines}" lines-covered="${tot.hits}" line-rate="${rate(tot.hits, tot.lines)}" branches-valid="${tot.br}" branches-covered="${tot.brHits}" branch-rate="${rate(tot.brHits, tot.br)}" complexity="0">`,
    `\t<!-- Generated by coverage.py: https://coverage.readthedocs.io/en/${COVERAGE_VERSION} -->`,
    '\t<!-- Based on https://raw.githubusercontent.com/cobertura/web/master/htdocs/xml/coverage-04.dtd -->',
    '\t<sources>',
    `\t\t<source>${SOURCE}</source>`,
    '\t</sources>',
    '\t<packages>',
    ...pkgOut,
    '\t</packages>',
    '</coverage>',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------

const { modules, chosen } = solveProject();
const basenames = new Map();
for (const m of modules) {
  const b = m.path.slice(m.path.lastIndexOf('/') + 1);
  basenames.set(b, [...(basenames.get(b) ?? []), m.path]);
}
for (const [b, paths] of basenames) {
  // core/config.py and database/config.py are both real Phase 3 modules.
  if (paths.length > 1 && b !== 'config.py')
    throw new Error(`duplicate basename ${b}: ${paths.join(', ')}`);
}
const files = modules.map(buildFile);
const xml = renderXml(files);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, xml);
process.stdout.write(
  `wrote ${OUT}: ${files.length} modules, total ${pct2(chosen.C, chosen.T)}% (${chosen.C}/${chosen.T}), slack ${chosen.dT >= 0 ? '+' : ''}${chosen.dT} statements in ${SLACK_MODULE}\n`,
);
