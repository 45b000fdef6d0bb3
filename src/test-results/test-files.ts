/**
 * Test-file facts for the records: each test file a session names is read (relative to the
 * project root), and its facts belong to the LATEST session naming it — the file as it is today
 * says nothing about an earlier session's version of it. Typed figures that contradict the facts
 * are warned about at the typed value.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ProjectData } from '../data/load.js';
import { locate } from '../data/json-text.js';
import { compareSessionIds, sessionKey, type SessionId } from '../data/session-id.js';
import type { Diagnostic } from '../diagnostics.js';
import { testFileFacts, type TestFileFacts } from './test-file.js';

/** Facts by session key (sessionKey), for the sessions whose test file is there. */
export type TestFileFactsBySession = ReadonlyMap<string, TestFileFacts>;

export function readTestFiles(data: ProjectData, root: string): TestFileFactsBySession {
  const latest = new Map<string, SessionId>();
  for (const { session } of data.sessions) {
    if (session.testFile === undefined) continue;
    const before = latest.get(session.testFile);
    if (before === undefined || compareSessionIds(session.number, before) > 0)
      latest.set(session.testFile, session.number);
  }
  const facts = new Map<string, TestFileFacts>();
  for (const [file, number] of latest) {
    let source: string;
    try {
      source = readFileSync(resolve(root, file), 'utf8');
    } catch {
      continue; // Not in this checkout: the typed figures stand.
    }
    facts.set(sessionKey(number), testFileFacts(source));
  }
  return facts;
}

/** "1,900+ lines" → at least 1900; "~1,900 lines" → about 1900; "1,900 lines" → 1900. */
function statedLines(
  text: string,
): { lines: number; kind: 'at-least' | 'about' | 'exact' } | undefined {
  const match = /(~|about\s+)?(\d[\d,]*)\s*(\+)?/i.exec(text);
  if (match === null) return undefined;
  const lines = Number((match[2] ?? '').replaceAll(',', ''));
  return {
    lines,
    kind: match[3] !== undefined ? 'at-least' : match[1] !== undefined ? 'about' : 'exact',
  };
}

export function testFileDiagnostics(
  data: ProjectData,
  facts: TestFileFactsBySession,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const { session, source } of data.sessions) {
    const found = facts.get(sessionKey(session.number));
    if (found === undefined || session.testFile === undefined) continue;
    const warn = (key: string, message: string) =>
      diagnostics.push({
        file: source.file,
        ...source.lines.position(locate(source, [key]).offset),
        severity: 'warning',
        rule: 'test-file-figure',
        message,
      });
    if (session.testClasses !== undefined && session.testClasses !== found.testClasses)
      warn(
        'testClasses',
        `testClasses: expected ${found.testClasses}, the test classes in ${session.testFile}, found ${session.testClasses} (remove "testClasses": trackgen counts them)`,
      );
    const stated =
      session.testFileSize === undefined ? undefined : statedLines(session.testFileSize);
    if (stated !== undefined) {
      const off =
        stated.kind === 'at-least'
          ? found.lines < stated.lines
          : stated.kind === 'about'
            ? Math.abs(found.lines - stated.lines) > stated.lines * 0.1
            : found.lines !== stated.lines;
      if (off)
        warn(
          'testFileSize',
          `testFileSize: expected the ${found.lines} lines of ${session.testFile}, found "${session.testFileSize}" (remove "testFileSize": trackgen counts them)`,
        );
    }
  }
  return diagnostics;
}
