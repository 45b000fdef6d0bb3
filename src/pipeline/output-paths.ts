/**
 * Where documents may go: inside the output directory, one document per path. A config that
 * sends a document into data/ or above the project, or two documents to one file, is refused
 * before anything is written.
 */
import { isAbsolute, join, normalize, relative } from 'node:path';
import type { Settings } from '../config/settings.js';
import type { Diagnostic } from '../diagnostics.js';
import type { RenderedDocument } from '../render/documents.js';
import type { WriteBounds } from '../write/safe-path.js';
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

function isWithin(path: string, folder: string): boolean {
  const fromFolder = relative(folder, path);
  return fromFolder === '' || (!fromFolder.startsWith('..') && !isAbsolute(fromFolder));
}

/**
 * What belongs to the data and never receives a document: the data folder, or — when the data
 * folder is the project's own folder ("data": ".") — its records, project.json and sessions/.
 */
export function dataOnlyPaths(settings: Pick<Settings, 'root' | 'dataDir'>): string[] {
  const { root, dataDir } = settings;
  return isWithin(root, dataDir)
    ? [join(dataDir, 'project.json'), join(dataDir, 'sessions')]
    : [dataDir];
}

/**
 * Where this run may write: the project, or the folder a person named with `--out` outside it
 * (rendering into a scratch folder); never what belongs to the data.
 */
export function documentBounds(
  settings: Pick<Settings, 'root' | 'outDir' | 'dataDir'>,
): WriteBounds {
  return {
    inside: isWithin(settings.outDir, settings.root) ? settings.root : settings.outDir,
    notInside: dataOnlyPaths(settings),
  };
}

/**
 * `outDir` itself, before anything is rendered: from the config it must be a folder inside the
 * project (a flag may name one elsewhere), and never the data folder or a folder inside it.
 */
export function outDirDiagnostics(
  settings: Pick<Settings, 'root' | 'outDir' | 'dataDir'>,
  fromConfig: boolean,
  configFile: string,
): Diagnostic[] {
  const { root, outDir, dataDir } = settings;
  const shown = (path: string): string => toSlashes(relative(root, path)) || '.';
  let found: string | undefined;
  if (dataOnlyPaths(settings).some((path) => isWithin(outDir, path)))
    found = `"${shown(outDir)}", which is the data folder "${shown(dataDir)}" or inside it`;
  else if (fromConfig && !isWithin(outDir, root))
    found = `"${shown(outDir)}", outside the project folder`;
  if (found === undefined) return [];
  return [
    {
      file: configFile,
      line: 1,
      column: 1,
      severity: 'error',
      rule: 'output-path',
      message: `expected outDir to be a folder of its own inside the project (documents are written there), found ${found}; nothing is written`,
    },
  ];
}
