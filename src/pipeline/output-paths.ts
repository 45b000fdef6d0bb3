/**
 * Where documents may go: inside the output directory, one document per path. A config that
 * sends a document into data/ or above the project, or two documents to one file, is refused
 * before anything is written.
 */
import { isAbsolute, normalize } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import type { RenderedDocument } from '../render/documents.js';
import { toSlashes } from '../text/paths.js';

export function outputPathDiagnostics(
  documents: readonly RenderedDocument[],
  configFile: string,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const problem = (message: string): void => {
    diagnostics.push({
      file: configFile,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'output-path',
      message,
    });
  };
  const owners = new Map<string, string>();
  for (const document of documents) {
    const path = document.path;
    const normalised = toSlashes(normalize(path));
    if (
      isAbsolute(path) ||
      /^[A-Za-z]:/.test(path) ||
      normalised === '..' ||
      normalised.startsWith('../')
    ) {
      problem(
        `expected the output of ${document.about} to be a path inside the output directory, found "${path}"`,
      );
      continue;
    }
    const owner = owners.get(normalised);
    if (owner !== undefined)
      problem(
        `expected one document per output path, found ${owner} and ${document.about} both at "${path}"`,
      );
    else owners.set(normalised, document.about);
  }
  return diagnostics;
}
