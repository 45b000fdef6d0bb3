/**
 * Stage 4: render (pure apart from the templates already read). Decides which documents exist —
 * a tracker per tracked phase, a summary per complete session, the lessons file, the user's own
 * documents — and renders each with its context.
 */
import { sessionKey } from '../data/session-id.js';
import { summaryPath, trackerPath } from '../config/outputs.js';
import type { Diagnostic } from '../diagnostics.js';
import type { ViewModel } from '../model/index.js';
import type { Renderer } from './templates.js';

export interface OutputPaths {
  readonly tracker: string;
  readonly summary: string;
  readonly lessons: string;
}

export interface RenderedDocument {
  /** Relative to the output directory, with forward slashes. */
  readonly path: string;
  readonly content: string;
  /** What the document is made from, for messages: "phase 4", "session 54". */
  readonly about: string;
}

export const TEMPLATE_NAMES = {
  tracker: 'phase-tracker.md',
  summary: 'session-summary.md',
  lessons: 'lessons-learned.md',
} as const;

export function renderDocuments(
  model: ViewModel,
  renderer: Renderer,
  paths: OutputPaths,
  extra: readonly { readonly template: string; readonly output: string }[],
): { documents: RenderedDocument[]; diagnostics: Diagnostic[] } {
  const documents: RenderedDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const add = (template: string, context: unknown, path: string, about: string): void => {
    const { output, diagnostics: problems } = renderer.render(template, context);
    diagnostics.push(...problems);
    if (output !== undefined) documents.push({ path, content: finishDocument(output), about });
  };
  for (const { phase, context } of model.trackers)
    add(TEMPLATE_NAMES.tracker, context, trackerPath(paths.tracker, phase), `phase ${phase}`);
  for (const summary of model.summaries) {
    add(
      TEMPLATE_NAMES.summary,
      summary,
      summaryPath(paths.summary, summary.session.number),
      `session ${sessionKey(summary.session.number)}`,
    );
  }
  add(TEMPLATE_NAMES.lessons, model.lessons, paths.lessons, 'lessons');
  const current =
    [...model.trackers].reverse().find(({ context }) => context.sessions.length > 0) ??
    model.trackers.at(-1);
  for (const document of extra) {
    add(
      document.template,
      { ...model, project: model.lessons.project, current: current?.context ?? null },
      document.output,
      document.template,
    );
  }
  return { documents, diagnostics };
}

/** Exactly one final newline, LF line endings: output is byte-identical from run to run. */
export function finishDocument(text: string): string {
  // trimEnd drops what `\s+$` would, without retrying the regex at every run of blanks.
  return `${text.replace(/\r\n/g, '\n').trimEnd()}\n`;
}
