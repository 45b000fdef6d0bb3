/**
 * Stage 1: load and validate. Reads data/project.json and data/sessions/*.json, reports every
 * problem of every file (syntax, schema, cross-file rules) and returns typed data only when
 * there is no error.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as z from 'zod';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { parseJsonText, type ParsedJson } from './json-text.js';
import { mojibakeDiagnostics } from './mojibake-findings.js';
import { readTextFileSync } from './read-text-file.js';
import { crossFileDiagnostics } from './rules.js';
import { compareSessionIds, SESSION_FILE_PATTERN } from './session-id.js';
import { projectSchema, sessionSchema, type Project, type Session } from './schema.js';
import { schemaDiagnostics } from './schema-issues.js';
import { shownPath } from '../text/paths.js';

export interface SessionRecord {
  readonly session: Session;
  readonly source: ParsedJson;
}

export interface ProjectData {
  readonly dataDir: string;
  readonly project: Project;
  readonly projectSource: ParsedJson;
  /** Sorted by session id (compareSessionIds: 61 < 61a < 62). */
  readonly sessions: readonly SessionRecord[];
}

export interface LoadResult {
  /** Present only when no file has an error. */
  readonly data: ProjectData | undefined;
  /** Sorted by file and position; warnings included. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface LoadOptions {
  /** Paths in messages are shown relative to this directory. */
  readonly cwd: string;
  /**
   * Session records not yet written (file name → text), validated as if they were in sessions/:
   * a command checks what it is about to write exactly as validate would check it written.
   */
  readonly plannedSessions?: ReadonlyMap<string, string>;
  /**
   * Files this run has already read (path → bytes; the run cache's fingerprint reads every
   * record): not read a second time, and the data is exactly what the fingerprint describes.
   */
  readonly alreadyRead?: ReadonlyMap<string, Buffer>;
}

export const PROJECT_FILE = 'project.json';
export const SESSIONS_DIR = 'sessions';

export { sessionFileName } from './session-id.js';

export function loadProjectData(dataDir: string, options: LoadOptions): Promise<LoadResult> {
  return Promise.resolve(loadProjectDataSync(dataDir, options));
}

/**
 * Every read here is synchronous: the records are small and many, and a thread-pool round trip
 * per file cost more than reading it (a thousand sessions: 0.4 s of waiting).
 */
export function loadProjectDataSync(dataDir: string, options: LoadOptions): LoadResult {
  const shown = (path: string): string => shownPath(options.cwd, path);
  const diagnostics: Diagnostic[] = [];

  const projectPath = join(dataDir, PROJECT_FILE);
  const project = loadJsonFile(projectPath, shown(projectPath), projectSchema, diagnostics, {
    alreadyRead: options.alreadyRead?.get(projectPath),
  });

  const sessions: { session: Session; source: ParsedJson; fileName: string }[] = [];
  const sessionsDir = join(dataDir, SESSIONS_DIR);
  const planned = options.plannedSessions ?? new Map<string, string>();
  const shownDir = shown(sessionsDir);
  // path.relative for each of a thousand records was a tenth of loading them: a record's name
  // (054.json) has no separator, so it is shown beside its folder (unless the folder is shown
  // going up, where the working directory could be inside it).
  const shownRecord = (fileName: string): string =>
    shownDir === '.'
      ? fileName
      : shownDir.startsWith('..')
        ? shown(join(sessionsDir, fileName))
        : `${shownDir}/${fileName}`;
  const onDisk = listSessionFiles(sessionsDir, shownDir, diagnostics);
  const fileNames = [...new Set([...onDisk, ...planned.keys()])].sort();
  for (const fileName of fileNames) {
    const path = join(sessionsDir, fileName);
    if (!SESSION_FILE_PATTERN.test(fileName)) {
      diagnostics.push({
        file: shown(path),
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'file-name',
        message: `expected a file name made of the session number padded to three digits, like 054.json (061a.json for a split session), found "${fileName}"`,
      });
      continue;
    }
    const loaded = loadJsonFile(path, shownRecord(fileName), sessionSchema, diagnostics, {
      plannedText: planned.get(fileName),
      alreadyRead: options.alreadyRead?.get(path),
    });
    if (loaded !== undefined)
      sessions.push({ session: loaded.value, source: loaded.source, fileName });
  }

  if (project !== undefined) {
    diagnostics.push(
      ...crossFileDiagnostics({ project: project.value, projectSource: project.source }, sessions),
    );
  }
  const sorted = sortDiagnostics(diagnostics);
  if (project === undefined || hasErrors(sorted)) return { data: undefined, diagnostics: sorted };
  return {
    data: {
      dataDir,
      project: project.value,
      projectSource: project.source,
      sessions: sessions
        .map(({ session, source }) => ({ session, source }))
        .sort((a, b) => compareSessionIds(a.session.number, b.session.number)),
    },
    diagnostics: sorted,
  };
}

function loadJsonFile<T>(
  path: string,
  shownAs: string,
  schema: z.ZodType<T>,
  diagnostics: Diagnostic[],
  given: { plannedText?: string | undefined; alreadyRead?: Buffer | undefined },
): { value: T; source: ParsedJson } | undefined {
  const read =
    given.plannedText === undefined
      ? readTextFileSync(path, shownAs, undefined, given.alreadyRead)
      : { text: given.plannedText, diagnostics: [] };
  diagnostics.push(...read.diagnostics);
  if (read.text === undefined) return undefined;
  // JSON outside its strings is ASCII: any run found is in a string value.
  diagnostics.push(
    ...mojibakeDiagnostics(shownAs, read.text, 'replace it with the text it stood for'),
  );
  const { parsed, diagnostics: syntax } = parseJsonText(shownAs, read.text);
  diagnostics.push(...syntax);
  if (parsed === undefined || hasErrors(syntax)) return undefined;
  const result = schema.safeParse(parsed.value);
  if (!result.success) {
    diagnostics.push(...schemaDiagnostics(parsed, schema, result.error.issues));
    return undefined;
  }
  return { value: result.data, source: parsed };
}

/** Session files in name order; a missing folder means no sessions yet, which is fine. */
function listSessionFiles(dir: string, shownAs: string, diagnostics: Diagnostic[]): string[] {
  try {
    const info = statSync(dir);
    if (!info.isDirectory()) {
      diagnostics.push({
        file: shownAs,
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'unreadable',
        message: 'expected a directory of session records, found a file',
      });
      return [];
    }
    const entries = readdirSync(dir);
    // Editors leave backups and notes beside records: only *.json files are records.
    return entries.filter((name) => name.toLowerCase().endsWith('.json')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
