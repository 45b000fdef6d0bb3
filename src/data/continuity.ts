/**
 * Continuity rules (issue 12): what one record says against itself and against the records
 * before it. Errors only for states no true record can be in (100% with something missed; a
 * module complete below 100% without a reason); everything an honest record can show — a start
 * that differs from the last final, a rounded percent, a module reworked — is a warning, so
 * records valid before these rules keep generating.
 */
import { formatPercent, percentCovered } from './coverage-percent.js';
import { readFigure } from './figures.js';
import { formatPath, type JsonPath, type ParsedJson } from './json-text.js';
import type { CoverageFigures, Session, SessionModule } from './schema.js';
import { compareSessionIds, formatSessionId, type SessionId } from './session-id.js';

export interface ContinuityInput {
  readonly session: Session;
  readonly source: ParsedJson;
}

export type ContinuityReport = (
  source: ParsedJson,
  path: JsonPath,
  rule:
    | 'date-order'
    | 'start-mismatch'
    | 'percent-mismatch'
    | 'false-100'
    | 'complete-below-100'
    | 'reason-required'
    | 'suite-shrank'
    | 'completed-twice'
    | 'commit-claimed-twice'
    | 'regressed',
  message: string,
  severity: 'error' | 'warning',
) => void;

const describe = (id: SessionId) => `session ${formatSessionId(id)}`;
const at = (index: number, ...rest: (string | number)[]): JsonPath => ['modules', index, ...rest];
const name = formatPath;

export function continuityDiagnostics(
  inputs: readonly ContinuityInput[],
  report: ContinuityReport,
): void {
  const ordered = [...inputs].sort((a, b) => compareSessionIds(a.session.number, b.session.number));
  for (const { session, source } of ordered)
    (session.modules ?? []).forEach((entry, index) => {
      checkEntryFigures(entry, index, source, report);
    });
  const worked = ordered.filter(({ session }) => session.status !== 'planned');
  checkDateOrder(worked, report);
  checkModuleHistory(worked, report);
  checkSuiteTotal(worked, report);
  checkCommits(worked, report);
}

/** 100% with something missed; complete below 100%; a percent its own counts contradict. */
function checkEntryFigures(
  entry: SessionModule,
  index: number,
  source: ParsedJson,
  report: ContinuityReport,
): void {
  const falseHundred = new Set<string>();
  for (const stage of ['start', 'final'] as const) {
    const figures = entry[stage];
    if (figures === undefined) continue;
    const path = at(index, stage);
    if (checkFalseHundred(figures, path, source, report)) falseHundred.add(stage);
    else checkPercentFormula(figures, path, source, report);
  }
  const final = readFigure(entry.final?.percent);
  if (entry.outcome === 'complete' && final !== undefined && final.value < 100)
    report(
      source,
      at(index, 'outcome'),
      'complete-below-100',
      `${name(at(index, 'outcome'))}: expected "complete" only at TRUE 100% (final ${formatPercent(final.value)}%): record it as "accepted" with a "reason", or as "in-progress"`,
      'error',
    );
  if (entry.outcome === 'accepted' && entry.reason === undefined)
    report(
      source,
      at(index),
      'reason-required',
      `${name(at(index))}: expected a "reason" beside outcome "accepted" (why the module is done below 100%), got none`,
      'error',
    );
}

/** Returns whether it reported, so the formula rule does not say the same thing twice. */
function checkFalseHundred(
  figures: CoverageFigures,
  path: JsonPath,
  source: ParsedJson,
  report: ContinuityReport,
): boolean {
  const percent = readFigure(figures.percent);
  if (percent?.value !== 100) return false;
  const missedBranches =
    figures.branches !== undefined && figures.coveredBranches !== undefined
      ? figures.branches - figures.coveredBranches
      : 0;
  const missed: string[] = [];
  if ((figures.missed ?? 0) > 0) missed.push(`${String(figures.missed)} statements missed`);
  if (missedBranches > 0) missed.push(`${String(missedBranches)} branches not covered`);
  else if ((figures.partialBranches ?? 0) > 0)
    missed.push(`${String(figures.partialBranches)} partial branches`);
  if (missed.length === 0) return false;
  report(
    source,
    [...path, 'percent'],
    'false-100',
    `${name([...path, 'percent'])}: expected 100 only with nothing missed, got 100 with ${missed.join(' and ')}`,
    'error',
  );
  return true;
}

/**
 * coverage.py's percent (Numbers.pc_covered: covered statements and branches over all of them),
 * shown at the precision the person typed (display_covered's rounding). A percent typed from
 * statements alone passes too: some tools report it.
 */
function checkPercentFormula(
  figures: CoverageFigures,
  path: JsonPath,
  source: ParsedJson,
  report: ContinuityReport,
): void {
  const percent = readFigure(figures.percent);
  const { statements, missed, branches, coveredBranches } = figures;
  if (percent === undefined || percent.estimated) return;
  if (statements === undefined || missed === undefined || missed > statements) return;
  if ((branches === undefined) !== (coveredBranches === undefined)) return;
  const precision = decimalsOf(percent.value);
  const typed = formatPercent(percent.value, precision);
  const covered = statements - missed;
  const expected = percentCovered(statements, covered, branches ?? 0, coveredBranches ?? 0);
  const statementsOnly = percentCovered(statements, covered, 0, 0);
  if (
    formatPercent(expected, precision) === typed ||
    formatPercent(statementsOnly, precision) === typed
  )
    return;
  const counts =
    branches === undefined
      ? `${String(covered)} of ${String(statements)} statements`
      : `${String(covered)} of ${String(statements)} statements and ${String(coveredBranches)} of ${String(branches)} branches`;
  report(
    source,
    [...path, 'percent'],
    'percent-mismatch',
    `${name([...path, 'percent'])}: expected ${formatPercent(expected, Math.max(precision, 2))} (${counts}, as coverage.py counts), got ${String(percent.value)}`,
    'warning',
  );
}

function decimalsOf(value: number): number {
  const text = String(value);
  const point = text.indexOf('.');
  return point === -1 ? 0 : Math.min(text.length - point - 1, 9);
}

/** Each dated session on or after the latest date before it (a month typed 01 for 11). */
function checkDateOrder(worked: readonly ContinuityInput[], report: ContinuityReport): void {
  let latest: { date: string; number: SessionId } | undefined;
  for (const { session, source } of worked) {
    if (session.date === undefined) continue;
    if (latest !== undefined && session.date < latest.date)
      report(
        source,
        ['date'],
        'date-order',
        `date: expected a date on or after ${latest.date} (${describe(latest.number)}, which comes before), got ${session.date}`,
        'warning',
      );
    else latest = { date: session.date, number: session.number };
  }
}

/**
 * For each module, along its sessions: a start that differs from the previous final, a second
 * "complete" where "maintained" was meant, and figures below a TRUE 100% recorded earlier.
 */
function checkModuleHistory(worked: readonly ContinuityInput[], report: ContinuityReport): void {
  const lastFinal = new Map<string, { value: number; estimated: boolean; number: SessionId }>();
  const completedIn = new Map<string, SessionId>();
  for (const { session, source } of worked) {
    (session.modules ?? []).forEach((entry, index) => {
      const start = readFigure(entry.start?.percent);
      const previous = lastFinal.get(entry.module);
      if (
        start !== undefined &&
        previous !== undefined &&
        !start.estimated &&
        !previous.estimated &&
        Math.abs(start.value - previous.value) > 1e-9
      )
        report(
          source,
          at(index, 'start', 'percent'),
          'start-mismatch',
          `${name(at(index, 'start', 'percent'))}: expected ${String(previous.value)}, the final of ${entry.module} in ${describe(previous.number)}, got ${String(start.value)}`,
          'warning',
        );
      const final = readFigure(entry.final?.percent);
      if (final !== undefined) lastFinal.set(entry.module, { ...final, number: session.number });

      const completed = completedIn.get(entry.module);
      if (completed !== undefined) {
        if (entry.outcome === 'complete' && session.status === 'complete')
          report(
            source,
            at(index, 'outcome'),
            'completed-twice',
            `${name(at(index, 'outcome'))}: expected "maintained" for ${entry.module}, complete since ${describe(completed)}, got "complete" (it would be counted and celebrated again)`,
            'warning',
          );
        const below = final !== undefined && final.value < 100;
        if (entry.outcome === 'regressed' || below) {
          const path =
            entry.outcome === 'regressed' ? at(index, 'outcome') : at(index, 'final', 'percent');
          report(
            source,
            path,
            'regressed',
            `${name(path)}: ${entry.module} reached TRUE 100% in ${describe(completed)}, recorded here below it${final === undefined ? '' : ` (${formatPercent(final.value)}%)`}${entry.outcome === 'regressed' ? '' : '; mark the outcome "regressed"'}`,
            'warning',
          );
          completedIn.delete(entry.module);
        }
      } else if (entry.outcome === 'complete' && session.status === 'complete')
        completedIn.set(entry.module, session.number);
    });
  }
}

/** The suite shrinking between sessions, with no "testsNote" saying why. */
function checkSuiteTotal(worked: readonly ContinuityInput[], report: ContinuityReport): void {
  let previous: { total: number; number: SessionId } | undefined;
  for (const { session, source } of worked) {
    const total: number | undefined = session.tests?.total;
    if (total === undefined) continue;
    if (previous !== undefined && total < previous.total && session.testsNote === undefined)
      report(
        source,
        ['tests', 'total'],
        'suite-shrank',
        `tests.total: expected at least ${String(previous.total)} (the suite in ${describe(previous.number)}), or a "testsNote" saying why it fell, got ${String(total)}`,
        'warning',
      );
    previous = { total, number: session.number };
  }
}

/** One commit claimed by two sessions (a hash and its abbreviation count as one). */
function checkCommits(worked: readonly ContinuityInput[], report: ContinuityReport): void {
  const claimed: { hash: string; number: SessionId }[] = [];
  for (const { session, source } of worked) {
    (session.commits ?? []).forEach((commit, index) => {
      const hash = commit.hash?.toLowerCase();
      if (hash === undefined) return;
      const earlier = claimed.find(
        (other) =>
          compareSessionIds(other.number, session.number) !== 0 &&
          (other.hash.startsWith(hash) || hash.startsWith(other.hash)),
      );
      if (earlier !== undefined)
        report(
          source,
          ['commits', index, 'hash'],
          'commit-claimed-twice',
          `commits[${String(index)}].hash: expected a commit no other session claims, got ${hash}, also claimed by ${describe(earlier.number)}`,
          'warning',
        );
      claimed.push({ hash, number: session.number });
    });
  }
}
