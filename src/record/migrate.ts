/**
 * Pure: what `trackgen migrate` adds to records written before trackgen kept it. Today that is
 * a complete session's "standing" (the project as it stood when it ended), taken from the
 * project as it is when migrate runs: run it before adding modules to a phase.
 */
import type { SessionRecord } from '../data/load.js';
import type { Project } from '../data/schema.js';
import { standingOf } from './capture.js';
import { setJsonValue } from '../data/edit-json.js';

export interface Migration {
  readonly record: SessionRecord;
  /** The record's new text, from the text given. */
  readonly migrate: (text: string) => string;
  /** What changes, for the user: 'standing (phase 1/4, 28 at TRUE 100%)'. */
  readonly description: string;
}

export function needsMigration(record: SessionRecord): boolean {
  return record.session.status === 'complete' && record.session.standing === undefined;
}

export function plannedMigrations(
  project: Project,
  records: readonly SessionRecord[],
): Migration[] {
  const sessions = records.map((record) => record.session);
  return records.filter(needsMigration).map((record) => {
    const standing = standingOf(record.session, project, sessions);
    return {
      record,
      migrate: (text: string) => setJsonValue(text, ['standing'], standing),
      description: `standing (phase ${standing.phaseModulesComplete}/${standing.phaseModules}, ${standing.true100} at TRUE 100%)`,
    };
  });
}
