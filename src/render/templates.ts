/**
 * Finds and compiles templates: the built-in ones, overridden by same-named files in the user's
 * templates directory. Compilation is strict: a misspelt field is an error that names the
 * template (partials included), its line and the field.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Handlebars from 'handlebars';
import runtimeModule from 'handlebars/runtime.js';
import type { Diagnostic } from '../diagnostics.js';
import { registerHelpers } from './helpers.js';
import {
  inertOutsideSections,
  neutraliseMarkers,
  neutraliseOpenBlocks,
  trimLineBreaks,
} from '../markdown/text.js';
import { COMPILE_OPTIONS, isPrecompiled, precompiledTemplate } from './precompiled.js';
import { shownPath } from '../text/paths.js';

export const BUILT_IN_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
const PARTIALS = 'partials';
const EXTENSION = '.hbs';

export interface TemplateSource {
  /** "phase-tracker.md" for templates, "module-card" for partials. */
  readonly name: string;
  /** For messages: where the text came from. */
  readonly shownAs: string;
  readonly text: string;
}

export interface TemplateSet {
  readonly templates: ReadonlyMap<string, TemplateSource>;
  readonly partials: ReadonlyMap<string, TemplateSource>;
}

/** Reads `*.hbs` (templates) and `partials/*.hbs` from each directory; later directories win. */
export function loadTemplateSet(directories: readonly string[], cwd: string): TemplateSet {
  const templates = new Map<string, TemplateSource>();
  const partials = new Map<string, TemplateSource>();
  for (const directory of directories) {
    readInto(templates, directory, cwd);
    readInto(partials, join(directory, PARTIALS), cwd);
  }
  return { templates, partials };
}

function readInto(target: Map<string, TemplateSource>, directory: string, cwd: string): void {
  if (!existsSync(directory)) return;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith(EXTENSION)) continue;
    const path = join(directory, entry.name);
    const name = entry.name.slice(0, -EXTENSION.length);
    target.set(name, {
      name,
      shownAs: shownPath(cwd, path),
      text: readFileSync(path, 'utf8'),
    });
  }
}

/** Thrown while rendering; carries the template that failed so the message can name it. */
class TemplateFailure extends Error {
  constructor(
    readonly source: TemplateSource,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export type SectionWrapper = (id: string, body: string) => string;

export interface Renderer {
  /** Renders one template; a problem is a diagnostic, never an exception. */
  render(name: string, context: unknown): { output: string | undefined; diagnostics: Diagnostic[] };
  has(name: string): boolean;
}

type Environment = ReturnType<typeof Handlebars.create>;
// The package's runtime half: Handlebars without its compiler. Its typings declare nothing of it.
const HandlebarsRuntime = runtimeModule as unknown as Pick<typeof Handlebars, 'create' | 'VERSION'>;

/**
 * The Handlebars runtime renders the built-in templates, which the build precompiled; the
 * compiler, most of Handlebars' code, is loaded only for a template it did not (a user's own or
 * an edited one), so the hook and `generate` do not load it at every run.
 */
async function handlebarsFor(set: TemplateSet): Promise<{
  environment: Environment;
  compile: (text: string) => Handlebars.TemplateDelegate;
}> {
  const sources = [
    ...[...set.templates.values()].map((source) => ['templates', source] as const),
    ...[...set.partials.values()].map((source) => ['partials', source] as const),
  ];
  if (sources.every(([kind, source]) => isPrecompiled(HandlebarsRuntime, kind, source))) {
    const environment = HandlebarsRuntime.create();
    return {
      environment,
      compile: () => {
        throw new Error('expected a precompiled template, found none');
      },
    };
  }
  const { default: full } = await import('handlebars');
  const environment = full.create();
  return { environment, compile: (text) => environment.compile(text, COMPILE_OPTIONS) };
}

/**
 * `wrapSection` marks a generated section so the merge stage can find it again
 * (`{{#section "module-progress"}}…{{/section}}`).
 */
export async function createRenderer(
  set: TemplateSet,
  wrapSection: SectionWrapper,
): Promise<Renderer> {
  const { environment: handlebars, compile } = await handlebarsFor(set);
  registerHelpers(handlebars);
  // Ids seen in the document being rendered: a template that uses one twice is its author's mistake.
  let sectionIds = new Set<string>();
  // The sections rendered, as returned: text outside them is made inert after rendering.
  let sections: string[] = [];
  handlebars.registerHelper(
    'section',
    function (this: unknown, id: unknown, options: Handlebars.HelperOptions | undefined) {
      if (typeof id !== 'string' || options === undefined)
        throw new Error(
          'expected {{#section "id"}}…{{/section}} with an id, found a section without one',
        );
      if (sectionIds.has(id))
        throw new Error(`expected each section id once in a document, found "${id}" twice`);
      sectionIds.add(id);
      // Blank lines around the body keep the markers separate blocks, as Prettier formats them;
      // wrapSection ends at the end marker, and the line break after {{/section}} was consumed.
      const body = neutraliseOpenBlocks(
        closeOpenFence(trimLineBreaks(neutraliseMarkers(options.fn(this)))),
      );
      const wrapped = `${wrapSection(id, `\n${body}\n\n`)}\n`;
      sections.push(wrapped);
      return wrapped;
    },
  );
  for (const source of set.partials.values()) {
    const compiled =
      precompiledTemplate(handlebars, 'partials', source.name, source.text) ?? compile(source.text);
    handlebars.registerPartial(source.name, ((
      context: unknown,
      options: Handlebars.RuntimeOptions,
    ) => {
      try {
        return compiled(context, options);
      } catch (error) {
        throw error instanceof TemplateFailure ? error : new TemplateFailure(source, error);
      }
    }) as Handlebars.Template);
  }
  const compiledTemplates = new Map<string, Handlebars.TemplateDelegate>();
  return {
    has: (name) => set.templates.has(name),
    render(name, context) {
      const source = set.templates.get(name);
      if (source === undefined) {
        return {
          output: undefined,
          diagnostics: [
            {
              file: `${name}${EXTENSION}`,
              line: 1,
              column: 1,
              severity: 'error',
              rule: 'template',
              message: `expected a template named ${name}${EXTENSION} in the templates directory, found none`,
            },
          ],
        };
      }
      try {
        let compiled = compiledTemplates.get(name);
        if (compiled === undefined) {
          compiled =
            precompiledTemplate(handlebars, 'templates', name, source.text) ?? compile(source.text);
          compiledTemplates.set(name, compiled);
        }
        sectionIds = new Set();
        sections = [];
        const output = compiled(context);
        return { output: inertOutsideSections(output, sections), diagnostics: [] };
      } catch (error) {
        const failure =
          error instanceof TemplateFailure ? error : new TemplateFailure(source, error);
        return { output: undefined, diagnostics: [templateDiagnostic(failure)] };
      }
    },
  };
}

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Data can open a code fence and never close it (a lesson's solution cut short). Left open, it
 * would swallow the end marker and every section after it; closed here, the damage stays inside
 * the section.
 */
export function closeOpenFence(markdown: string): string {
  // No run of three backticks or tildes: no fence, and nothing to split the text for.
  if (!markdown.includes('```') && !markdown.includes('~~~')) return markdown;
  let open: { char: string; length: number } | undefined;
  for (const line of markdown.split('\n')) {
    const fence = FENCE_LINE.exec(line);
    if (fence === null) continue;
    const run = fence[1] ?? '';
    const char = run.charAt(0);
    if (open === undefined) {
      // A backtick fence's info string cannot contain backticks; then it is not a fence.
      if (!(char === '`' && (fence[2] ?? '').includes('`'))) open = { char, length: run.length };
    } else if (char === open.char && run.length >= open.length && (fence[2] ?? '').trim() === '') {
      open = undefined;
    }
  }
  return open === undefined ? markdown : `${markdown}\n${open.char.repeat(open.length)}`;
}

function templateDiagnostic(failure: TemplateFailure): Diagnostic {
  const raw = failure.message;
  // Handlebars ends its messages with " - line:column" (column 0-based) or puts the place in
  // "Parse error on line N:".
  const place = /- (\d+):(\d+)\s*$/.exec(raw) ?? /on line (\d+)()/.exec(raw);
  const line = place === null ? 1 : Number(place[1]);
  const column = place === null || place[2] === '' ? 1 : Number(place[2]) + 1;
  const missing = /^"([^"]+)" not defined in/.exec(raw);
  const message = missing
    ? `expected a field the context has, found "${missing[1]}", which is not defined here (run trackgen generate --print-context to see the fields)`
    : `expected a valid template, found an error: ${raw.replace(/\s*- \d+:\d+\s*$/, '').replace(/\n/g, ' ')}`;
  return {
    file: failure.source.shownAs,
    line,
    column,
    severity: 'error',
    rule: 'template',
    message,
  };
}
