/**
 * The built-in templates, compiled to JavaScript at build time (`npm run build` writes
 * dist/render/precompiled-templates.json): compiling them costs more than the rest of a
 * `trackgen check` together. A template is taken from the file only when its text is exactly the
 * text that was compiled and the Handlebars version is the same; anything else (a user's
 * override, an edited built-in, running from src/) is compiled as before.
 */
import { readFileSync } from 'node:fs';
import type Handlebars from 'handlebars';

export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;
export const PRECOMPILED_FILE = 'precompiled-templates.json';

interface Entry {
  readonly text: string;
  /** Handlebars.precompile output: the source of a template specification object. */
  readonly spec: string;
}

export interface PrecompiledFile {
  readonly handlebars: string;
  readonly templates: Readonly<Record<string, Entry>>;
  readonly partials: Readonly<Record<string, Entry>>;
}

export type TemplateKind = 'templates' | 'partials';

let loaded: PrecompiledFile | null | undefined;

function precompiledFile(): PrecompiledFile | null {
  if (loaded === undefined) {
    try {
      loaded = JSON.parse(
        readFileSync(new URL(`./${PRECOMPILED_FILE}`, import.meta.url), 'utf8'),
      ) as PrecompiledFile;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}

function entryFor(
  handlebars: Pick<typeof Handlebars, 'VERSION'>,
  kind: TemplateKind,
  name: string,
  text: string,
): Entry | undefined {
  const file = precompiledFile();
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
  if (entry === undefined) return undefined;
  // The same evaluation Handlebars.compile does on the code it generates: the spec is
  // Handlebars' own output, written by our build, never text from a user.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
  const spec = new Function(`return ${entry.spec}`)() as Parameters<typeof handlebars.template>[0];
  return handlebars.template(spec) as Handlebars.TemplateDelegate;
}

/** What the build writes: every template and partial of `sources`, precompiled. */
export function precompileAll(
  handlebars: typeof Handlebars,
  sources: {
    readonly templates: Iterable<{ name: string; text: string }>;
    readonly partials: Iterable<{ name: string; text: string }>;
  },
): PrecompiledFile {
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
