/**
 * Labelled values to fields, by what their label and the headings over them mean: "Before" under
 * "Overall Coverage" is the project's start figure, "Total Tests" under "Tests Created" is the
 * number created. A value whose meaning is not clear stays in the notes.
 */
import { sameSession, type SessionId } from '../data/session-id.js';
import type { Draft } from './draft.js';
import type { Fact } from './labels.js';
import {
  isEstimate,
  readArrow,
  readCount,
  readDate,
  readFraction,
  readName,
  readPercents,
  readSize,
} from './values.js';

const START = new Set([
  'before',
  'start',
  'starting',
  'initial',
  'entry',
  'baseline',
  'avant',
  'debut',
  'depart',
]);
const FINAL = new Set([
  'after',
  'final',
  'end',
  'result',
  'achievement',
  'achieved',
  'apre',
  'fin',
  'finale',
  'resultat',
]);
const PROJECT = new Set(['overall', 'project', 'projet', 'global', 'ensemble']);
const GAIN = new Set(['gain', 'improvement', 'change', 'increase', 'delta', 'progression']);
const AHEAD = new Set(['next', 'roadmap', 'upcoming', 'plan', 'prochaine', 'prochain', 'todo']);
const CREATED = new Set(['created', 'new', 'added', 'written', 'cree', 'ajoute', 'nouveaux']);
const PASSING = new Set(['passing', 'passed', 'pass', 'green', 'reussi']);
const TEST = new Set(['test', 'suite']);

const has = (words: readonly string[], set: ReadonlySet<string>) => words.some((w) => set.has(w));
const labelIs = (fact: Fact, ...words: string[]) =>
  fact.words.length === words.length && words.every((word) => fact.words.includes(word));

function stageOf(fact: Fact): 'start' | 'final' | undefined {
  for (const words of [fact.words, ...fact.context]) {
    const start = has(words, START);
    const final = has(words, FINAL);
    if (start !== final) return start ? 'start' : 'final';
  }
  return undefined;
}

/** Figures under "Next Steps" describe a later session; under a challenge or lesson, an example. */
const ASIDE = new Set([...AHEAD, 'challenge', 'lesson', 'learning', 'pattern', 'defi', 'lecon']);
const aside = (fact: Fact) => fact.context.some((words) => has(words, ASIDE));
/** "4 tests (Session 60)": a count that another session's. */
const otherSession = (fact: Fact, session: SessionId | undefined) =>
  [fact.value, ...fact.context.slice(0, 1).map((words) => words.join(' '))].some((text) =>
    [...text.matchAll(/\bsession\s+(\d+[A-Za-z]?)(?![\p{L}\p{N}])/giu)].some(
      (match) => session === undefined || !sameSession(match[1] ?? '', session),
    ),
  );
const BARE = new Set([...START, ...FINAL, ...TEST, 'total', 'session', 'count', 'all']);
const bare = (fact: Fact) => fact.words.every((word) => BARE.has(word) || /^\d+$/u.test(word));
const inContext = (fact: Fact, set: ReadonlySet<string>) =>
  has(fact.words, set) || fact.context.slice(0, 2).some((words) => has(words, set));

/** The document's own header: the lines before its first section. */
export function mapHeader(
  facts: readonly Fact[],
  draft: Draft,
  session: SessionId | undefined,
): void {
  for (const fact of facts) {
    const phaseNamed = /\bphase\s+(\d+)/iu.exec(fact.value)?.[1];
    if (labelIs(fact, 'date')) {
      const date = readDate(fact.value);
      if (date !== undefined) draft.state('date', date, fact.line);
    } else if (labelIs(fact, 'phase')) {
      const phase = /(\d+)/u.exec(fact.value)?.[1];
      if (phase !== undefined) draft.state('phase', Number(phase), fact.line);
    } else if (
      labelIs(fact, 'module') ||
      labelIs(fact, 'modules') ||
      labelIs(fact, 'target', 'module') ||
      labelIs(fact, 'focus', 'module') ||
      labelIs(fact, 'module', 'cible')
    ) {
      const names = [...fact.value.matchAll(/`([^`]+)`/gu)].map((match) => match[1] ?? '');
      const listed = names.length > 0 ? names : [readName(fact.value) ?? ''];
      draft.state(
        'moduleNames',
        listed.filter((name) => name !== ''),
        fact.line,
      );
      const phase = /\bphase\s+(\d+)/iu.exec(fact.value)?.[1];
      if (phase !== undefined && !draft.has('phase'))
        draft.state('phase', Number(phase), fact.line);
    } else if (labelIs(fact, 'status') || labelIs(fact, 'statut')) {
      if (/in[ -]progress|ongoing|en cours/iu.test(fact.value))
        draft.state('status', 'in-progress', fact.line);
      else if (/\bplanned\b|prévu/iu.test(fact.value)) draft.state('status', 'planned', fact.line);
    } else if (
      has(fact.words, new Set(['duration', 'duree'])) ||
      labelIs(fact, 'time', 'invested')
    ) {
      mapDuration(fact, draft);
    } else mapFigure(fact, draft, session);
    if (phaseNamed !== undefined && !draft.has('phase'))
      draft.state('phase', Number(phaseNamed), fact.line);
  }
}

function mapDuration(fact: Fact, draft: Draft): void {
  if (fact.context.some((words) => has(words, new Set(['execution', 'test'])))) return;
  const value = fact.value.replace(/\s+$/u, '');
  if (/\d\s*(?:h\b|hours?|heures?|min)/iu.test(value) || labelIs(fact, 'time', 'invested'))
    draft.state('timeInvested', value, fact.line);
  else draft.state('duration', value, fact.line);
}

/** Coverage figures, test counts, the test file and classes, wherever they are stated. */
export function mapFigure(fact: Fact, draft: Draft, session: SessionId | undefined): void {
  if (aside(fact) || fact.value === '') return;
  const words = fact.words;
  if (has(words, TEST) || (fact.from !== 'code' && inContext(fact, TEST))) {
    if (mapTests(fact, draft, session)) return;
  }
  if (has(words, GAIN)) {
    const arrow = readArrow(fact.value);
    if (arrow !== undefined && words.includes('coverage')) mapPercentPair(fact, arrow, draft);
    return;
  }
  const scope = inContext(fact, PROJECT) ? 'project' : 'module';
  const arrow = readArrow(fact.value);
  if (arrow !== undefined && readPercents(arrow.start).length > 0 && words.includes('coverage')) {
    mapPercentPair(fact, arrow, draft);
    return;
  }
  const stage = stageOf(fact);
  if (stage === undefined) return;
  const prefix = `${scope}.${stage}.`;
  if (words.includes('branch')) {
    if (words.includes('partial')) {
      const count = readCount(fact.value);
      if (count !== undefined) draft.state(`${prefix}partialBranches`, count, fact.line);
    } else if (words.includes('total')) {
      const count = readCount(fact.value);
      if (count !== undefined) draft.state(`${prefix}branches`, count, fact.line);
    } else {
      const fraction = readFraction(fact.value, undefined);
      if (fraction !== undefined) {
        draft.state(`${prefix}branches`, fraction.total, fact.line);
        draft.state(`${prefix}coveredBranches`, fraction.covered, fact.line);
      }
    }
    return;
  }
  if (has(words, new Set(['missed', 'missing', 'manquant']))) {
    const count =
      /(\d[\d,]*)\s*statements?/iu.exec(fact.value)?.[1] ??
      (words.includes('statement') ? String(readCount(fact.value) ?? '') : '');
    if (count !== '') draft.state(`${prefix}missed`, Number(count.replace(/,/g, '')), fact.line);
    return;
  }
  const statementWords = words.includes('statement');
  const coverageWords = words.includes('coverage') || words.includes('couverture');
  const bareStage = words.every(
    (word) => START.has(word) || FINAL.has(word) || /^\d+$/.test(word) || word === 'session',
  );
  if (!statementWords && !coverageWords && !bareStage) return;
  const percent = readPercents(fact.value)[0];
  // coverage.py's one figure; a statement-only percent counts only where no other is stated.
  if (percent !== undefined && !(statementWords && fact.value.includes('/') && !coverageWords))
    draft.state(`${prefix}${statementWords ? 'statementPercent' : 'percent'}`, percent, fact.line);
  const statements = readFraction(
    fact.value,
    statementWords && !coverageWords ? undefined : 'statement',
  );
  if (statements !== undefined) {
    draft.state(`${prefix}statements`, statements.total, fact.line);
    draft.state(`${prefix}missed`, statements.total - statements.covered, fact.line);
  }
  const branches = readFraction(fact.value, 'branch');
  if (branches !== undefined) {
    draft.state(`${prefix}branches`, branches.total, fact.line);
    draft.state(`${prefix}coveredBranches`, branches.covered, fact.line);
  }
}

function mapPercentPair(fact: Fact, arrow: { start: string; final: string }, draft: Draft): void {
  const scope = inContext(fact, PROJECT) ? 'project' : 'module';
  const start = readPercents(arrow.start)[0];
  const final = readPercents(arrow.final)[0];
  if (start !== undefined) draft.state(`${scope}.start.percent`, start, fact.line);
  if (final !== undefined) draft.state(`${scope}.final.percent`, final, fact.line);
}

/** True when the fact was about tests (whether or not it gave a figure). */
function mapTests(fact: Fact, draft: Draft, session: SessionId | undefined): boolean {
  const words = fact.words;
  if (words.includes('file') || words.includes('fichier')) {
    const name = readName(fact.value);
    if (name !== undefined && /[/.]/u.test(name)) {
      draft.state('testFile', name, fact.line);
      const size = readSize(fact.value);
      if (size !== undefined) draft.state('testFileSize', size, fact.line);
    }
    return true;
  }
  if (words.includes('class') || words.includes('classe')) {
    const count = readCount(fact.value);
    if (count !== undefined) draft.state('testClasses', count, fact.line);
    return true;
  }
  const count = readCount(fact.value);
  if (has(words, new Set(['skipped', 'skip', 'ignore']))) {
    if (count !== undefined) draft.state('tests.skipped', count, fact.line);
    return true;
  }
  if (has(words, new Set(['warning', 'avertissement']))) {
    if (count !== undefined) draft.state('tests.warnings', count, fact.line);
    return true;
  }
  if (words.includes('rate') && has(words, PASSING)) {
    if (readPercents(fact.value)[0] === 100) draft.state('tests.allPassing', true, fact.line);
    return true;
  }
  if (has(words, PASSING)) {
    if (count !== undefined) {
      draft.state('tests.passing', count, fact.line);
      if (words.includes('all')) draft.state('tests.total', count, fact.line);
    }
    return true;
  }
  if (labelIs(fact, 'status') && /all\s+(?:passing|green)|tous/iu.test(fact.value)) {
    draft.state('tests.allPassing', true, fact.line);
    return true;
  }
  if (words.includes('suite') && (words.includes('full') || words.includes('total'))) {
    // The whole suite, said so: preferred to a "Total Tests" that may count one module's.
    if (count !== undefined && !otherSession(fact, session))
      draft.state('tests.suiteTotal', count, fact.line);
    return true;
  }
  if (otherSession(fact, session)) return true;
  const createdHere = has(words, CREATED);
  const createdAround = fact.context.slice(0, 1).some((context) => has(context, CREATED));
  if (
    createdHere ||
    (words.includes('total') && createdAround) ||
    (labelIs(fact, 'added') && inContext(fact, TEST))
  ) {
    if (count !== undefined) draft.state('tests.created', count, fact.line);
    return true;
  }
  if (!bare(fact)) return has(words, TEST);
  if (words.includes('total') || (stageOf(fact) === 'final' && !has(words, START))) {
    const arrow = readArrow(fact.value);
    const total = arrow === undefined ? count : readCount(arrow.final);
    if (total !== undefined && !isEstimate(fact.value))
      draft.state('tests.total', total, fact.line);
    return stageOf(fact) !== undefined || words.includes('total');
  }
  return has(words, TEST);
}
