/**
 * Pure: puts a session's figures into the record's text by offsets. Only the figures change;
 * every other byte — indentation, key order, one-line objects, line endings — stays.
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { removeJsonValue, setJsonValue } from '../data/edit-json.js';
import { BRANCH_FIGURES, type SessionFigures } from './figures.js';

export type Stage = 'start' | 'final';

export function writeFigures(text: string, figures: SessionFigures, stage: Stage): string {
  let out = text;
  const has = (path: readonly (string | number)[]) => {
    const tree = parseTree(out);
    return tree !== undefined && findNodeAtLocation(tree, [...path]) !== undefined;
  };
  for (const module of figures.modules) {
    const at = ['modules', module.index, stage];
    if (!has(at)) {
      out = setJsonValue(out, at, module.figures, {
        after: stage === 'final' ? 'start' : 'outcome',
      });
      continue;
    }
    for (const [key, value] of Object.entries(module.figures))
      out = setJsonValue(out, [...at, key], value);
    // A report without branch data: branch figures kept from another report would not add up.
    for (const key of BRANCH_FIGURES)
      if (!(key in module.figures) && has([...at, key])) out = removeJsonValue(out, [...at, key]);
  }
  if (has(['projectCoverage']))
    out = setJsonValue(out, ['projectCoverage', stage], figures.projectPercent, {
      after: stage === 'final' ? 'start' : '',
    });
  else
    out = setJsonValue(
      out,
      ['projectCoverage'],
      { [stage]: figures.projectPercent },
      { after: 'modules' },
    );
  return out;
}
