/**
 * Every record an import would write, checked before any is: no session twice (a summary and
 * the tracker's Session Log entry of one session make one record), no record that already exists, and the records valid exactly as `trackgen validate` would find them written.
 * With any error nothing is written.
 */
import { sessionKey } from '../data/session-id.js';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadProjectData, SESSIONS_DIR, sessionFileName, type ProjectData } from '../data/load.js';
import { newRecordSchema } from '../data/record-schema.js';
import type { Session } from '../data/schema.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { toSlashes } from '../text/paths.js';
import { draftRecord } from './build-record.js';
import { finishRecord } from './finish-record.js';
import type { RecordDraft } from './record-draft.js';
import { readSummaryFile } from './read-summary.js';

export interface PlannedRecord {
  readonly path: string;
  readonly shownAs: string;
  readonly from: string;
  readonly session: Session;
  readonly text: string;
  readonly mapped: readonly string[];
  readonly unmappedLines: number;
}

export interface ImportPlan {
  readonly records: readonly PlannedRecord[];
  readonly diagnostics: readonly Diagnostic[];
  readonly valid: boolean;
}

export interface ImportInput {
  readonly path: string;
  readonly shownAs: string;
}

/** Two-space JSON, "$schema" first, like the records new-session writes. */
export function formatImportedRecord(session: Session, schema: string | undefined): string {
  return `${JSON.stringify(schema === undefined ? session : { $schema: schema, ...session }, null, 2)}\n`;
}

export async function planImport(
  inputs: readonly ImportInput[],
  data: ProjectData,
  options: { readonly cwd: string; readonly repairEncoding: boolean },
): Promise<ImportPlan> {
  const diagnostics: Diagnostic[] = [];
  const records: PlannedRecord[] = [];
  const existing = new Map(
    data.sessions.map((record) => [sessionKey(record.session.number), record.source.file]),
  );
  const schema = newRecordSchema(data);
  const drafts: RecordDraft[] = [];
  for (const input of inputs) {
    const read = await readSummaryFile(input.path, input.shownAs, options);
    diagnostics.push(...read.findings);
    for (const document of read.documents) {
      const drafted = draftRecord(document, data.project);
      diagnostics.push(...drafted.findings);
      if (drafted.draft !== undefined) drafts.push(drafted.draft);
    }
  }
  // One session may have a summary and a Session Log entry: the summary's record, which the
  // entry completes. Two summaries, or two entries, of one session are one too many.
  const numbers = [...new Set(drafts.map((draft) => sessionKey(draft.number)))];
  for (const key of numbers) {
    const own = drafts.filter((draft) => sessionKey(draft.number) === key);
    const number = own[0]?.number ?? key;
    const summaries = own.filter((draft) => !draft.fromLog);
    const entries = own.filter((draft) => draft.fromLog);
    for (const group of [summaries, entries])
      for (const extra of group.slice(1))
        diagnostics.push({
          file: extra.file,
          line: extra.at,
          column: 1,
          severity: 'error',
          rule: 'import-duplicate',
          message: `expected one ${extra.fromLog ? 'Session Log entry' : 'summary'} for session ${number}, found this one and ${group[0]?.file ?? ''}; import one of them`,
        });
    const [main, ...extras] = [summaries[0], entries[0]].filter(
      (draft): draft is RecordDraft => draft !== undefined,
    );
    if (main === undefined) continue;
    const built = finishRecord(main, ...extras);
    diagnostics.push(...built.findings);
    if (built.record === undefined) continue;
    const { session } = built.record;
    const path = join(data.dataDir, SESSIONS_DIR, sessionFileName(session.number));
    const shownAs = toSlashes(relative(options.cwd, path));
    const recordFile = existing.get(sessionKey(session.number));
    if (recordFile !== undefined || existsSync(path)) {
      diagnostics.push({
        file: main.file,
        line: main.at,
        column: 1,
        severity: 'error',
        rule: 'record-exists',
        message: `session ${session.number} already has a record (${recordFile ?? shownAs}); it is never overwritten: leave this document out, or remove the record first`,
      });
      continue;
    }
    records.push({
      path,
      shownAs,
      from: [main, ...extras].map((draft) => draft.file).join(' + '),
      session,
      text: formatImportedRecord(session, schema),
      mapped: built.record.mapped,
      unmappedLines: built.record.unmappedLines,
    });
  }
  const check = await loadProjectData(data.dataDir, {
    cwd: options.cwd,
    plannedSessions: new Map(
      records.map((record) => [sessionFileName(record.session.number), record.text]),
    ),
  });
  const plannedFiles = new Set(records.map((record) => record.shownAs));
  diagnostics.push(...check.diagnostics.filter((diagnostic) => plannedFiles.has(diagnostic.file)));
  const sorted = sortDiagnostics(diagnostics);
  return { records, diagnostics: sorted, valid: !hasErrors(sorted) };
}
