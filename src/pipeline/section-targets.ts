/**
 * `--force` and `accept` name sections as `ID` or `FILE:ID`. Ids repeat across documents
 * (`overview` is in a tracker and in the lessons file), so a bare id that several documents have
 * is refused: acting on all of them would discard edits nobody meant to discard.
 */
import { resolve } from 'node:path';
import { UsageError } from '../diagnostics.js';

export interface DocumentSections {
  /** Absolute path of the document. */
  readonly path: string;
  /** As shown to the user (relative to the working directory). */
  readonly shownAs: string;
  /** Section ids in the file or its rendering. */
  readonly ids: ReadonlySet<string>;
}

/** What a merge found in each document, as the resolver takes it. */
export function documentSections(
  files: readonly {
    readonly path: string;
    readonly shownAs: string;
    readonly merge: { readonly sections: readonly { readonly id: string }[] };
  }[],
): DocumentSections[] {
  return files.map((file) => ({
    path: file.path,
    shownAs: file.shownAs,
    ids: new Set(file.merge.sections.map((section) => section.id)),
  }));
}

export interface ResolvedTargets {
  /** Per document path, the ids named for it. */
  readonly byPath: ReadonlyMap<string, ReadonlySet<string>>;
  /** Bare ids no document has. */
  readonly unknown: readonly string[];
}

/** Splits `FILE:ID` where FILE is one of the documents; else the whole argument is an id. */
function scoped(
  argument: string,
  documents: readonly DocumentSections[],
  cwd: string,
): { document: DocumentSections; id: string } | undefined {
  for (let colon = argument.indexOf(':'); colon !== -1; colon = argument.indexOf(':', colon + 1)) {
    const file = resolve(cwd, argument.slice(0, colon));
    const document = documents.find((candidate) => resolve(cwd, candidate.path) === file);
    if (document !== undefined) return { document, id: argument.slice(colon + 1) };
  }
  return undefined;
}

export function resolveSectionTargets(
  targets: readonly string[],
  documents: readonly DocumentSections[],
  cwd: string,
  usage: string,
): ResolvedTargets {
  const byPath = new Map<string, Set<string>>();
  const unknown: string[] = [];
  const add = (path: string, id: string): void => {
    const ids = byPath.get(path) ?? new Set<string>();
    ids.add(id);
    byPath.set(path, ids);
  };
  for (const argument of targets) {
    const found = scoped(argument, documents, cwd);
    if (found !== undefined) {
      add(found.document.path, found.id);
      continue;
    }
    const holders = documents.filter((document) => document.ids.has(argument));
    if (holders.length > 1) {
      throw new UsageError(
        `${usage} ${argument}: expected one document, found section "${argument}" in ${holders.length} (${holders.map((document) => document.shownAs).join(', ')}); name the one you mean: ${holders.map((document) => `${usage} ${document.shownAs}:${argument}`).join(' or ')}`,
      );
    }
    const [holder] = holders;
    if (holder === undefined) {
      if (/\.md:/i.test(argument))
        throw new UsageError(
          `${usage} ${argument}: expected FILE:ID with FILE a generated document, found no document "${argument.slice(0, argument.search(/\.md:/i) + 3)}"`,
        );
      unknown.push(argument);
    } else add(holder.path, argument);
  }
  return { byPath, unknown };
}
