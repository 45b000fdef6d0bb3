/**
 * The built-in templates, compiled to JavaScript at build time (`npm run build` writes them into
 * dist/render/precompiled-templates.js, which the bundle holds as code): compiling them costs
 * more than the rest of a `trackgen check` together. A template is taken from there only when its
 * text is exactly the text that was compiled and the Handlebars version is the same; anything else
 * (a user's override, an edited built-in, running from src/) is compiled as before.
 */
import type Handlebars from 'handlebars';
import { PRECOMPILED, type PrecompiledEntry } from './precompiled-templates.js';

export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

export type TemplateKind = 'templates' | 'partials';

/** PrecompiledTemplates with each spec as source text, before it is written as code. */
export interface PrecompiledSources {
  readonly handlebars: string;
  readonly templates: Readonly<Record<string, { text: string; spec: string }>>;
  readonly partials: Readonly<Record<string, { text: string; spec: string }>>;
}

function entryFor(
  handlebars: Pick<typeof Handlebars, 'VERSION'>,
  kind: TemplateKind,
  name: string,
  text: string,
): PrecompiledEntry | undefined {
  const file = PRECOMPILED;
  const entry =
    file !== null && file.handlebars === handlebars.VERSION && Object.hasOwn(file[kind], name)
      ? file[kind][name]
      : undefined;
  return entry?.text === text ? entry : undefined;
}

/** Whether the build precompiled exactly this text (else it needs Handlebars' compiler). */
export function isPrecompiled(
  handlebars: Pick<typeof Handlebars, 'VERSION'>,
  kind: TemplateKind,
  source: { readonly name: string; readonly text: string },
): boolean {
  return entryFor(handlebars, kind, source.name, source.text) !== undefined;
}

/** The compiled template for exactly this text, or undefined when it must be compiled. */
export function precompiledTemplate(
  handlebars: Pick<typeof Handlebars, 'VERSION' | 'template'>,
  kind: TemplateKind,
  name: string,
  text: string,
): Handlebars.TemplateDelegate | undefined {
  const entry = entryFor(handlebars, kind, name, text);
  return entry === undefined
    ? undefined
    : (handlebars.template(entry.spec) as Handlebars.TemplateDelegate);
}

/**
 * What the build writes: every template and partial of `sources`, each spec as the source of a
 * JavaScript expression (Handlebars.precompile's output), to be written into code.
 */
export function precompileAll(
  handlebars: typeof Handlebars,
  sources: {
    readonly templates: Iterable<{ name: string; text: string }>;
    readonly partials: Iterable<{ name: string; text: string }>;
  },
): PrecompiledSources {
  const compileEach = (entries: Iterable<{ name: string; text: string }>) =>
    Object.fromEntries(
      [...entries].map(({ name, text }) => [
        name,
        { text, spec: handlebars.precompile(text, COMPILE_OPTIONS) as string },
      ]),
    );
  return {
    handlebars: handlebars.VERSION,
    templates: compileEach(sources.templates),
    partials: compileEach(sources.partials),
  };
}
