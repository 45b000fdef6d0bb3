/**
 * Pure: the record `trackgen new-session` writes. The next session is the one after the last
 * session that was started (planned records do not count); it is pre-filled from the session
 * before it — its phase, the modules it left in progress with their final figures as the new
 * start, its final overall coverage — or else with the phase's next module not yet complete.
 */
import type { ProjectData, SessionRecord } from '../data/load.js';
import { newRecordSchema } from '../data/record-schema.js';
import type { Module, Phase, Session } from '../data/schema.js';
import {
  compareSessionIds,
  sameSession,
  sessionBaseNumber,
  type SessionId,
} from '../data/session-id.js';
import { modulesCompletedBy } from '../model/sessions.js';
import { toSlashes } from '../text/paths.js';

export interface ScaffoldOptions {
  readonly number?: SessionId;
  /** A module id (or its path, or file name) from project.json. */
  readonly module?: Module;
  /** YYYY-MM-DD. */
  readonly date: string;
}

export type Scaffold =
  | {
      readonly ok: true;
      readonly number: SessionId;
      readonly session: Session;
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly number: SessionId; readonly existing: SessionRecord };

/** After a split session (61b), the next is the next whole number (62). */
export function nextSessionNumber(data: ProjectData): SessionId {
  const started = data.sessions.filter((record) => record.session.status !== 'planned');
  const lastStarted = started.at(-1)?.session.number;
  // No session started yet: the first one is next, planned or not.
  return lastStarted === undefined
    ? (data.sessions[0]?.session.number ?? 1)
    : sessionBaseNumber(lastStarted) + 1;
}

export function scaffoldSession(data: ProjectData, options: ScaffoldOptions): Scaffold {
  const number = options.number ?? nextSessionNumber(data);
  const existing = data.sessions.find((record) => sameSession(record.session.number, number));
  if (existing !== undefined) return { ok: false, number, existing };

  const sessions = data.sessions.map((record) => record.session);
  const previous = [...sessions]
    .reverse()
    .find(
      (session) => compareSessionIds(session.number, number) < 0 && session.status !== 'planned',
    );
  const completed = new Set(
    previous === undefined ? [] : modulesCompletedBy(sessions, previous.number),
  );
  const notes: string[] = [];
  const phases = data.project.phases;
  const phaseOf = (id: string) =>
    phases.find((phase) => (phase.modules ?? []).some((module) => module.id === id));

  let modules: NonNullable<Session['modules']>;
  if (options.module !== undefined) {
    const start = previous?.modules?.find((entry) => entry.module === options.module?.id)?.final;
    modules = [
      {
        module: options.module.id,
        outcome: 'in-progress',
        ...(start === undefined ? {} : { start }),
      },
    ];
  } else {
    const unfinished = (previous?.modules ?? []).filter(
      (entry) => entry.outcome !== 'complete' && !completed.has(entry.module),
    );
    if (unfinished.length > 0) {
      modules = unfinished.map((entry) => ({
        module: entry.module,
        outcome: 'in-progress',
        ...(entry.final === undefined ? {} : { start: entry.final }),
      }));
    } else {
      const next = nextModule(phases, previous?.phase, completed);
      modules = next === undefined ? [] : [{ module: next.id, outcome: 'in-progress' }];
      if (next === undefined)
        notes.push(
          'every module of project.json is complete: add the session\'s "modules" by hand',
        );
    }
  }
  const phase =
    (modules[0] === undefined ? undefined : phaseOf(modules[0].module)) ??
    phases.find((candidate) => candidate.number === previous?.phase) ??
    phases.find((candidate) => candidate.modules !== undefined) ??
    phases[0];
  const schema = newRecordSchema(data);
  const start = previous?.projectCoverage?.final;
  const session: Session = {
    ...(schema === undefined ? {} : { $schema: schema }),
    number,
    date: options.date,
    phase: phase?.number ?? 1,
    status: 'in-progress',
    ...(modules.length === 0 ? {} : { modules }),
    ...(start === undefined ? {} : { projectCoverage: { start } }),
  };
  return { ok: true, number, session, notes };
}

/** The first module, in the order of work, not yet complete: in the given phase, then in later ones. */
function nextModule(
  phases: readonly Phase[],
  fromPhase: number | undefined,
  completed: ReadonlySet<string>,
): Module | undefined {
  const tracked = phases.filter(
    (phase) =>
      phase.modules !== undefined && (fromPhase === undefined || phase.number >= fromPhase),
  );
  for (const phase of tracked) {
    const module = (phase.modules ?? []).find((candidate) => !completed.has(candidate.id));
    if (module !== undefined) return module;
  }
  return undefined;
}

/** Finds a module by id, by its path, or by its file name with or without ".py". */
export function findModule(data: ProjectData, name: string): Module | undefined {
  const modules = data.project.phases.flatMap((phase) => phase.modules ?? []);
  const normalised = toSlashes(name);
  return (
    modules.find((module) => module.id === name) ??
    modules.find(
      (module) =>
        toSlashes(module.path) === normalised || toSlashes(module.path).endsWith(`/${normalised}`),
    ) ??
    modules.find(
      (module) =>
        toSlashes(module.path).split('/').pop()?.replace(/\.py$/, '') ===
        normalised.replace(/\.py$/, ''),
    )
  );
}

/** A session record as the person will edit it: two-space JSON, coverage figures on one line. */
export function formatRecord(session: Session): string {
  const text = JSON.stringify(session, null, 2);
  // Figure objects ({"percent": …}) are short: keep each on one line, as in the other records.
  return `${text.replace(
    /\{\n\s+("percent"|"start"|"final")[^{}[\]]*?\n\s*\}/g,
    (block) =>
      `{ ${block
        .slice(1, -1)
        .trim()
        .split(/,\n\s*/)
        .join(', ')} }`,
  )}\n`;
}
