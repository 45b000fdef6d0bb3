#!/usr/bin/env node
// Independent checker for example/data/coverage.xml (the default project's report).
//
// Reads the XML with a small regex reader (no dependencies, nothing shared
// with scripts/default-coverage.mjs), recomputes every count and rate the way
// coverage.py does, and checks the figures of the reference Phase 4 tracker.
// Prints each figure; exits 1 if any check fails.
//
// Usage: node scripts/check-default-coverage.mjs [path]   (default example/data/coverage.xml)

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FILE = resolve(process.argv[2] ?? resolve(ROOT, 'example/data/coverage.xml'));

// ---------------------------------------------------------------------------
// What the reference tracker (PHASE_4_PROGRESS_TRACKER.md, Session 54) says.

const EXPECT = {
  total: '69.22',
  before: '67.47', // "Project coverage: 67.47% -> 69.22% (+1.75%)"
  delta: '1.75',
  true100: 28, // "Modules at TRUE 100%: 28/90+"
  minModules: 90,
  modules: {
    'ai_model_manager.py': {
      statements: 352,
      missed: 0,
      branches: 120,
      coveredBranches: 120,
      pct: '100.00',
    },
    'budget_manager.py': {
      statements: 213,
      missed: 146,
      branches: 68,
      pct: '25.27',
      lines: 712,
      ranges:
        '109-166, 170-179, 206-227, 242-254, 273-280, 286-291, 295-297, 301-303, 314-317, 323, 340-350, 365-381, 412-448, 460-540, 544-587, 593-603, 607-640, 663-676, 686, 691, 703, 712',
    },
    'sync.py': {
      statements: 267,
      missed: 170,
      branches: 78,
      pct: '30.72',
      lines: 628, // hand-typed in the tracker; contradicted by its own ranges (633, 638)
      ranges:
        '120-187, 193-254, 260-276, 280, 286-293, 297, 311, 322-340, 344-357, 363-369, 375-379, 385-403, 409-420, 426-438, 444-464, 470-472, 478-522, 555, 564-578, 598, 606, 628, 633, 638',
    },
    'admin_auth.py': { branches: 66, pct: '22.14' },
  },
  // ai_model_manager at the start of Session 54.
  ammStart: { pct: '38.77', missed: 186, partial: 3 },
  // The 27 modules finished in phases 1-3 (names from the campaign documents).
  complete: [
    'conversation_persistence.py',
    'progress_analytics_service.py',
    'content_processor.py',
    'ai_router.py',
    'user_management.py',
    'conversation_state.py',
    'claude_service.py',
    'ollama_service.py',
    'visual_learning_service.py',
    'sr_sessions.py',
    'auth.py',
    'conversation_messages.py',
    'realtime_analyzer.py',
    'sr_algorithm.py',
    'scenario_manager.py',
    'feature_toggle_manager.py',
    'mistral_stt_service.py',
    'models/database.py',
    'models/schemas.py',
    'models/feature_toggle.py',
    'models/simple_user.py',
    'core/config.py',
    'core/security.py',
    'database/config.py',
    'database/migrations.py',
    'database/local_config.py',
    'database/chromadb_config.py',
  ],
};

// ---------------------------------------------------------------------------
// coverage.py's rules, re-implemented

// results.py Numbers.pc_covered / display_covered(pc, 2): round(pc, 2), but
// never "0.00" for a non-zero figure nor "100.00" for an incomplete one.
// Exact rational rounding (half-even); also computed through a double as
// Python does, and any disagreement is reported.
function displayPct(covered, total) {
  if (total === 0) return '100.00';
  const num = BigInt(covered) * 10000n;
  const den = BigInt(total);
  let q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) q += 1n;
  let hundredths = Number(q);
  const pc = (100 * covered) / total;
  if (pc > 0 && pc < 0.01) hundredths = 1;
  else if (pc > 99.99 && pc < 100) hundredths = 9999;
  const exact = `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
  const viaFloat = pc > 0 && pc < 0.01 ? '0.01' : pc > 99.99 && pc < 100 ? '99.99' : pyRound2(pc);
  if (viaFloat !== exact)
    problems.push(`float rounding differs for ${covered}/${total}: ${exact} vs ${viaFloat}`);
  return exact;
}

// Python's round(x, 2) then "%.2f": exact value of the double, half-even.
// (JS toFixed rounds an exact tie up: 13/160 -> 8.125 -> "8.13", Python "8.12".)
function pyRound2(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp = expBits - 1075;
  if (expBits === 0) exp = -1074;
  else mant |= 1n << 52n;
  // x = mant * 2^exp; value*100 as num/den
  let num = mant * 100n;
  let den = 1n;
  if (exp >= 0) num <<= BigInt(exp);
  else den <<= BigInt(-exp);
  let q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) q += 1n;
  const h = Number(q);
  return `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;
}

// xmlreport.py rate(): "%.4g" % (hit/num), or "1" when num == 0. printf's %g
// rounds the double's exact binary value half-to-even; JS toPrecision rounds
// an exact tie up (17/32 = 0.53125: Python "0.5312", toPrecision "0.5313"), so
// the digits come from exact BigInt arithmetic here.
function pyRate(hit, num) {
  if (num === 0) return '1';
  return pyG4(hit / num);
}
function pyG4(x) {
  if (x === 0) return '0';
  if (x < 0) return '-' + pyG4(-x);
  const [mant, pow2] = exactDouble(x); // x = mant * 2^pow2
  // Find P with 10^P <= x < 10^(P+1) exactly.
  const cmpPow10 = (p) => {
    // sign of x - 10^p
    let a = mant;
    let b = 1n;
    if (pow2 >= 0) a <<= BigInt(pow2);
    else b <<= BigInt(-pow2);
    if (p >= 0) b *= 10n ** BigInt(p);
    else a *= 10n ** BigInt(-p);
    return a === b ? 0 : a > b ? 1 : -1;
  };
  let P = Math.floor(Math.log10(x));
  while (cmpPow10(P) < 0) P--;
  while (cmpPow10(P + 1) >= 0) P++;
  // scaled = x * 10^(3-P), rounded half-even to an integer of 4 digits
  let a = mant;
  let b = 1n;
  if (pow2 >= 0) a <<= BigInt(pow2);
  else b <<= BigInt(-pow2);
  if (3 - P >= 0) a *= 10n ** BigInt(3 - P);
  else b *= 10n ** BigInt(P - 3);
  let digits = a / b;
  const rem = a - digits * b;
  if (rem * 2n > b || (rem * 2n === b && digits % 2n === 1n)) digits += 1n;
  if (digits >= 10000n) {
    digits /= 10n;
    P += 1;
  }
  const d = digits.toString();
  const trim = (t) => (t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t);
  if (P < -4 || P >= 4)
    return `${trim(d[0] + '.' + d.slice(1))}e${P < 0 ? '-' : '+'}${String(Math.abs(P)).padStart(2, '0')}`;
  if (P >= 0) return trim(d.slice(0, P + 1) + '.' + d.slice(P + 1));
  return trim('0.' + '0'.repeat(-P - 1) + d);
}
function exactDouble(x) {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  const hi = v.getUint32(0);
  const lo = v.getUint32(4);
  const e = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (e === 0) return [m, -1074];
  m |= 1n << 52n;
  return [m, e - 1075];
}

// results.py format_lines() without arcs: missed statements grouped into
// ranges; a range spans non-statement lines and breaks at an executed one.
function missingRanges(statements, missed) {
  const out = [];
  let start = null;
  let end = null;
  for (const s of statements) {
    if (missed.has(s)) {
      if (start === null) start = s;
      end = s;
    } else if (start !== null) {
      out.push(start === end ? `${start}` : `${start}-${end}`);
      start = null;
    }
  }
  if (start !== null) out.push(start === end ? `${start}` : `${start}-${end}`);
  return out.join(', ');
}

// misc.py human_sorted(): digits compare as numbers.
function humanCmp(a, b) {
  const split = (s) => s.split(/(\d+)/).map((c, i) => (i % 2 ? Number(c) : c));
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length || (a < b ? -1 : a > b ? 1 : 0);
}

// ---------------------------------------------------------------------------
// Read the XML

const problems = [];
const check = (ok, msg) => {
  if (!ok) problems.push(msg);
  return ok;
};
const xml = readFileSync(FILE, 'utf8');
const attrsOf = (tag) => {
  const out = new Map();
  for (const m of tag.matchAll(/([\w-]+)="([^"]*)"/g)) out.set(m[1], m[2]);
  return out;
};
const order = (tag) => [...tag.matchAll(/([\w-]+)="/g)].map((m) => m[1]).join(',');

const lines = xml.split('\n');
check(lines[0] === '<?xml version="1.0" ?>', 'first line must be <?xml version="1.0" ?>');
check(xml.endsWith('</coverage>\n'), 'must end with </coverage> and a newline');
const rootTag = lines[1];
check(
  order(rootTag) ===
    'version,timestamp,lines-valid,lines-covered,line-rate,branches-valid,branches-covered,branch-rate,complexity',
  `root attribute order: ${order(rootTag)}`,
);
const root = attrsOf(rootTag);
check(/^7\.\d+\.\d+$/.test(root.get('version')), 'version 7.x.y');
check(/^\d{13}$/.test(root.get('timestamp')), 'timestamp in ms');
check(
  lines[2] ===
    `\t<!-- Generated by coverage.py: https://coverage.readthedocs.io/en/${root.get('version')} -->`,
  'Generated-by comment',
);
check(
  lines[3] ===
    '\t<!-- Based on https://raw.githubusercontent.com/cobertura/web/master/htdocs/xml/coverage-04.dtd -->',
  'DTD comment',
);
const sources = [...xml.matchAll(/^\t\t<source>([^<]*)<\/source>$/gm)].map((m) => m[1]);
check(sources.length === 1 && sources[0].startsWith('/'), `one absolute <source>: ${sources}`);
check(
  /\t<sources>\n\t\t<source>[^<]*<\/source>\n\t<\/sources>\n\t<packages>\n/.test(xml),
  'sources/packages layout',
);

const packages = [];
const pkgRe =
  /^\t\t<package ([^>]*)>\n\t\t\t<classes>\n([\s\S]*?)\t\t\t<\/classes>\n\t\t<\/package>$/gm;
for (const pm of xml.matchAll(pkgRe)) {
  const pa = attrsOf(pm[1]);
  check(
    order(pm[1]) === 'name,line-rate,branch-rate,complexity',
    `package attribute order ${pa.get('name')}`,
  );
  const classes = [];
  const clsRe =
    /^\t\t\t\t<class ([^>]*)>\n\t\t\t\t\t<methods\/>\n\t\t\t\t\t<lines>\n([\s\S]*?)\t\t\t\t\t<\/lines>\n\t\t\t\t<\/class>$/gm;
  for (const cm of pm[2].matchAll(clsRe)) {
    const ca = attrsOf(cm[1]);
    check(
      order(cm[1]) === 'name,filename,complexity,line-rate,branch-rate',
      `class attribute order ${ca.get('filename')}`,
    );
    const lineEls = [];
    for (const lm of cm[2].matchAll(/^\t\t\t\t\t\t<line ([^>]*)\/>$/gm)) {
      const la = attrsOf(lm[1]);
      const want = la.has('branch')
        ? la.has('missing-branches')
          ? 'number,hits,branch,condition-coverage,missing-branches'
          : 'number,hits,branch,condition-coverage'
        : 'number,hits';
      check(
        order(lm[1]) === want,
        `line attribute order ${ca.get('filename')}:${la.get('number')}`,
      );
      lineEls.push(la);
    }
    check(
      cm[2].split('\n').filter(Boolean).length === lineEls.length,
      `stray content in ${ca.get('filename')}`,
    );
    classes.push({ attrs: ca, lineEls });
  }
  packages.push({ attrs: pa, classes });
}
check(packages.length > 0, 'no packages found');

// ---------------------------------------------------------------------------
// Recompute

const modules = [];
const tot = { s: 0, h: 0, b: 0, bh: 0 };
const pkgNames = packages.map((p) => p.attrs.get('name'));
check(
  pkgNames.join('\n') === [...pkgNames].sort(humanCmp).join('\n'),
  'packages not in human-sorted order',
);
for (const p of packages) {
  const name = p.attrs.get('name');
  const ps = { s: 0, h: 0, b: 0, bh: 0 };
  const files = p.classes.map((c) => c.attrs.get('filename'));
  check(files.join('\n') === [...files].sort(humanCmp).join('\n'), `classes of ${name} not sorted`);
  for (const c of p.classes) {
    const filename = c.attrs.get('filename');
    const dir = filename.includes('/') ? filename.slice(0, filename.lastIndexOf('/')) : '.';
    check(dir.replace(/\//g, '.') === name, `${filename} in package ${name}`);
    check(
      c.attrs.get('name') === filename.slice(filename.lastIndexOf('/') + 1),
      `class name of ${filename}`,
    );
    check(c.attrs.get('complexity') === '0', `complexity of ${filename}`);
    const statements = [];
    const missed = new Set();
    const branchLines = [];
    let branches = 0;
    let taken = 0;
    let partial = 0;
    let prev = 0;
    for (const la of c.lineEls) {
      const n = Number(la.get('number'));
      check(n > prev, `${filename}: line ${n} out of order`);
      prev = n;
      statements.push(n);
      const hits = la.get('hits');
      check(hits === '0' || hits === '1', `${filename}:${n} hits=${hits}`);
      if (hits === '0') missed.add(n);
      if (la.has('branch')) {
        check(la.get('branch') === 'true', `${filename}:${n} branch attr`);
        const m = /^(\d+)% \((\d+)\/(\d+)\)$/.exec(la.get('condition-coverage') ?? '');
        if (!check(m, `${filename}:${n} condition-coverage`)) continue;
        const [k, t] = [Number(m[2]), Number(m[3])];
        check(Number(m[1]) === Math.floor((100 * k) / t), `${filename}:${n} condition percent`);
        check(t >= 2 && k <= t, `${filename}:${n} exits`);
        const miss = la.has('missing-branches') ? la.get('missing-branches').split(',') : [];
        check(miss.length === t - k, `${filename}:${n} missing-branches count`);
        check(new Set(miss).size === miss.length, `${filename}:${n} duplicate missing branch`);
        if (hits === '0') check(k === 0, `${filename}:${n} unexecuted line with taken exits`);
        if (hits === '1' && k > 0 && k < t) partial++;
        branchLines.push({ n, miss });
        branches += t;
        taken += k;
      } else {
        check(!la.has('missing-branches'), `${filename}:${n} missing-branches without branch`);
      }
    }
    // Missing-branch targets must be statements of the file, or "exit".
    const stmtSet = new Set(statements);
    for (const { n, miss } of branchLines) {
      for (const t of miss)
        check(t === 'exit' || stmtSet.has(Number(t)), `${filename}:${n} -> ${t} is no statement`);
    }
    check(
      c.attrs.get('line-rate') === pyRate(statements.length - missed.size, statements.length),
      `${filename} line-rate`,
    );
    check(c.attrs.get('branch-rate') === pyRate(taken, branches), `${filename} branch-rate`);
    const mod = {
      filename,
      base: c.attrs.get('name'),
      statements: statements.length,
      missed: missed.size,
      branches,
      coveredBranches: taken,
      partial,
      lastLine: statements[statements.length - 1] ?? 0,
      ranges: missingRanges(statements, missed),
    };
    mod.pct = displayPct(mod.statements - mod.missed + taken, mod.statements + branches);
    mod.true100 = mod.missed === 0 && taken === branches;
    modules.push(mod);
    ps.s += mod.statements;
    ps.h += mod.statements - mod.missed;
    ps.b += branches;
    ps.bh += taken;
  }
  check(p.attrs.get('line-rate') === pyRate(ps.h, ps.s), `package ${name} line-rate`);
  check(p.attrs.get('branch-rate') === pyRate(ps.bh, ps.b), `package ${name} branch-rate`);
  check(p.attrs.get('complexity') === '0', `package ${name} complexity`);
  for (const k of Object.keys(tot)) tot[k] += ps[k];
}
check(root.get('lines-valid') === String(tot.s), 'lines-valid');
check(root.get('lines-covered') === String(tot.h), 'lines-covered');
check(root.get('line-rate') === pyRate(tot.h, tot.s), 'root line-rate');
check(root.get('branches-valid') === String(tot.b), 'branches-valid');
check(root.get('branches-covered') === String(tot.bh), 'branches-covered');
check(root.get('branch-rate') === pyRate(tot.bh, tot.b), 'root branch-rate');
check(root.get('complexity') === '0', 'root complexity');

// ---------------------------------------------------------------------------
// The tracker's figures

const out = [];
const say = (ok, text) => {
  out.push(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
  if (!ok) problems.push(text);
};
const byBase = new Map();
for (const m of modules) byBase.set(m.base, [...(byBase.get(m.base) ?? []), m]);
const byTail = (tail) =>
  modules.filter((m) => m.filename === tail || m.filename.endsWith(`/${tail}`));

for (const [base, want] of Object.entries(EXPECT.modules)) {
  const found = byBase.get(base) ?? [];
  if (!check(found.length === 1, `${base}: ${found.length} modules with that name`)) {
    say(false, `${base}: not found exactly once`);
    continue;
  }
  const m = found[0];
  out.push(
    `     ${m.filename}: ${m.statements} statements, ${m.missed} missed, ${m.branches} branches, ` +
      `${m.coveredBranches} covered (${m.partial} partial), ${m.pct}%, last statement line ${m.lastLine}`,
  );
  for (const k of ['statements', 'missed', 'branches', 'coveredBranches', 'pct']) {
    if (k in want)
      say(String(m[k]) === String(want[k]), `${base} ${k} = ${m[k]} (tracker: ${want[k]})`);
  }
  if (want.ranges) {
    say(m.ranges === want.ranges, `${base} missing ranges = tracker's ranges`);
    out.push(`     Missing: ${m.ranges}`);
  }
  if (want.lines) {
    if (m.lastLine <= want.lines)
      say(true, `${base} last statement ${m.lastLine} <= ${want.lines} lines`);
    else
      out.push(
        `note ${base}: tracker says ${want.lines} lines, but its ranges reach line ${m.lastLine}; the report's ranges are the truth (file >= ${m.lastLine} lines)`,
      );
  }
}
const amm = byBase.get('ai_model_manager.py')?.[0];
say(amm?.true100 === true, 'ai_model_manager.py at TRUE 100%');

const total = displayPct(tot.h + tot.bh, tot.s + tot.b);
out.push(
  `     project: ${tot.s} statements, ${tot.s - tot.h} missed, ${tot.b} branches, ${tot.bh} covered`,
);
say(
  total === EXPECT.total,
  `overall coverage ${total}% (${tot.h + tot.bh}/${tot.s + tot.b}) (tracker: ${EXPECT.total}%)`,
);

const true100 = modules.filter((m) => m.true100);
say(
  true100.length === EXPECT.true100,
  `modules at TRUE 100%: ${true100.length} (tracker: ${EXPECT.true100})`,
);
for (const tail of EXPECT.complete) {
  const f = byTail(tail);
  say(f.length === 1 && f[0].true100, `phase 1-3 module ${tail} present once and at TRUE 100%`);
}
say(
  modules.length >= EXPECT.minModules,
  `module count ${modules.length} (tracker: ${EXPECT.true100}/${EXPECT.minModules}+)`,
);
const others = modules
  .filter((m) => !m.true100)
  .map((m) => Number(m.pct))
  .sort((a, b) => a - b);
out.push(
  `     not at TRUE 100%: ${others.length} modules, coverage min ${others[0]}%, median ${others[others.length >> 1]}%, max ${others[others.length - 1]}%`,
);

// ai_model_manager back at its Session 54 starting figure.
if (amm) {
  const S = amm.statements;
  const B = amm.branches;
  const start = [];
  for (let cb = 0; cb <= B; cb++) {
    if (displayPct(S - EXPECT.ammStart.missed + cb, S + B) === EXPECT.ammStart.pct) start.push(cb);
  }
  say(
    start.length === 1,
    `ai_model_manager start 38.77% with ${EXPECT.ammStart.missed} missed needs ${start.join('/')} covered branches`,
  );
  const cb = start[0];
  // partial lines cover 1 of 2 exits; the rest fully covered: 2*full + partial = cb
  const full = (cb - EXPECT.ammStart.partial) / 2;
  say(
    Number.isInteger(full) && full >= 0 && full + EXPECT.ammStart.partial <= B / 2,
    `start figure: ${full} full + ${EXPECT.ammStart.partial} partial branch lines fit`,
  );
  const drop = S + B - (S - EXPECT.ammStart.missed + cb);
  const before = displayPct(tot.h + tot.bh - drop, tot.s + tot.b);
  say(
    before === EXPECT.before,
    `overall before ai_model_manager: ${before}% (${tot.h + tot.bh - drop}/${tot.s + tot.b}) (tracker: ${EXPECT.before}%)`,
  );
  const delta = ((Number(total) * 100 - Number(before) * 100) / 100).toFixed(2);
  say(delta === EXPECT.delta, `gain +${delta}% (tracker: +${EXPECT.delta}%)`);
}

// Module names: the tracker uses basenames.
const dup = [...byBase]
  .filter(([, v]) => v.length > 1)
  .map(([k, v]) => `${k} (${v.map((m) => m.filename).join(', ')})`);
if (dup.length) out.push(`note basenames shared by several modules: ${dup.join('; ')}`);

console.log(`${FILE}\n${out.join('\n')}`);
const structural = problems.filter((p) => !out.some((l) => l.endsWith(p)));
if (structural.length)
  console.log(
    `\nstructure/consistency problems (${structural.length}):\n  ${structural.slice(0, 40).join('\n  ')}`,
  );
console.log(problems.length ? `\nFAILED: ${problems.length} problem(s)` : '\nall checks passed');
process.exit(problems.length ? 1 : 0);
