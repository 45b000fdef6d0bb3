/** Pure: the text of the files `trackgen init` creates, and its edit of package.json. */
import { findNodeAtLocation, parseTree, type ParseError } from 'jsonc-parser';
import { setJsonValue } from '../data/edit-json.js';

export interface ProjectFileInput {
  readonly name: string;
  readonly schema: string;
  /** The report, relative to project.json. */
  readonly coverageReport: string;
  readonly modules: readonly { readonly id: string; readonly path: string }[];
}

export const DEFAULT_COVERAGE_GOAL = 90;

/** One phase, "Phase 1", with every module of the report: the person then splits it into phases. */
export function projectFileText(input: ProjectFileInput): string {
  const modules = input.modules
    .map(
      (module) =>
        `        { "id": ${JSON.stringify(module.id)}, "path": ${JSON.stringify(module.path)} }`,
    )
    .join(',\n');
  return `{
  "$schema": ${JSON.stringify(input.schema)},
  "name": ${JSON.stringify(input.name)},
  "coverageGoal": ${DEFAULT_COVERAGE_GOAL},
  "coverageReport": ${JSON.stringify(input.coverageReport)},
  "phases": [
    {
      "number": 1,
      "name": "Phase 1",
      "modules": [${modules === '' ? ']' : `\n${modules}\n      ]`}
    }
  ]
}
`;
}

export function configFileText(schema: string, data: string, outDir: string): string {
  return `{
  "$schema": ${JSON.stringify(schema)},
  "data": ${JSON.stringify(data)},
  "outDir": ${JSON.stringify(outDir)}
}
`;
}

export const DOCS_SCRIPT = 'trackgen generate';

export type ScriptEdit =
  | { readonly status: 'added'; readonly text: string }
  | { readonly status: 'present' | 'other'; readonly existing: string }
  | { readonly status: 'invalid' };

/**
 * Adds `"docs": "trackgen generate"` to package.json's scripts, by offsets: the new key follows
 * the style of its neighbours (a one-line "scripts" stays on one line), nothing else changes.
 */
export function addDocsScript(text: string): ScriptEdit {
  // jsonc-parser forgives mistakes; a package.json npm itself would reject is left alone.
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (tree?.type !== 'object' || errors.length > 0) return { status: 'invalid' };
  const existing = findNodeAtLocation(tree, ['scripts', 'docs']);
  if (existing !== undefined)
    return {
      status: existing.value === DOCS_SCRIPT ? 'present' : 'other',
      existing: String(existing.value),
    };
  const scripts = findNodeAtLocation(tree, ['scripts']);
  if (scripts !== undefined && scripts.type !== 'object') return { status: 'invalid' };
  const edited =
    scripts === undefined
      ? setJsonValue(text, ['scripts'], { docs: DOCS_SCRIPT })
      : setJsonValue(text, ['scripts', 'docs'], DOCS_SCRIPT);
  return { status: 'added', text: edited };
}
