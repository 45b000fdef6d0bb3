import type { ProjectData } from './load.js';

/**
 * The "$schema" a new session record should carry, so it reads like the others: the newest
 * record's, else project.json's pointed at the session schema (records sit one folder deeper,
 * so a relative path gains a `../`).
 */
export function newRecordSchema(data: ProjectData): string | undefined {
  const fromRecord = [...data.sessions]
    .reverse()
    .find((record) => record.session.$schema !== undefined)?.session.$schema;
  if (fromRecord !== undefined) return fromRecord;
  const fromProject = data.project.$schema;
  if (fromProject === undefined) return undefined;
  const session = fromProject.replace(/project\.schema\.json$/, 'session.schema.json');
  const isUrlOrAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(session) || session.startsWith('/');
  return isUrlOrAbsolute ? session : `../${session}`;
}
