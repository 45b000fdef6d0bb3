import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../src/config/settings.js';
import { loadProjectData, type ProjectData } from '../../src/data/load.js';
import { buildViewModel } from '../../src/model/index.js';
import { renderDocuments } from '../../src/render/documents.js';
import type { Renderer } from '../../src/render/templates.js';
import { exampleRoot } from '../helpers/run-cli.js';

/** Renders every template as "x": only the paths the documents go to matter here. */
const stubRenderer: Renderer = {
  render: () => ({ output: 'x', diagnostics: [] }),
  has: () => true,
};

let data: ProjectData;
beforeAll(async () => {
  const loaded = await loadProjectData(join(exampleRoot, 'data'), { cwd: exampleRoot });
  if (loaded.data === undefined) throw new Error('the default project should load');
  data = loaded.data;
});

/** The summary file the view model names for each complete session, and the path it is written to. */
function summaryNames(summary: string): { named: string; writtenTo: string }[] {
  const outputs = { ...DEFAULTS.outputs, summary };
  const model = buildViewModel({ data, report: undefined, outputs });
  const { documents } = renderDocuments(model, stubRenderer, outputs, []);
  return model.summaries.map(({ session }) => ({
    named: session.summaryFile,
    writtenTo:
      documents.find((document) => document.about === `session ${session.number}`)?.path ?? '',
  }));
}

describe('summaryFile in the view model', () => {
  it('is SESSION_NN_SUMMARY.md with the default outputs.summary', () => {
    expect(summaryNames(DEFAULTS.outputs.summary)).toContainEqual({
      named: 'SESSION_54_SUMMARY.md',
      writtenTo: 'sessions/SESSION_54_SUMMARY.md',
    });
  });

  it('follows a custom outputs.summary: the file name of the path the summary is written to', () => {
    const names = summaryNames('summaries/{session}-summary.md');
    expect(names).toContainEqual({ named: '54-summary.md', writtenTo: 'summaries/54-summary.md' });
    for (const { named, writtenTo } of names) expect(writtenTo.endsWith(`/${named}`)).toBe(true);
  });
});
