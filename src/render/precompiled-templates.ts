/**
 * The built-in templates compiled to code. From the sources there are none: `npm run build`
 * replaces the built dist/render/precompiled-templates.js with the compiled templates
 * (scripts/precompile-templates.js), and the bundle holds them as code, which V8's code cache
 * keeps between runs (bin/load-bundle.js).
 */
import type Handlebars from 'handlebars';

export interface PrecompiledEntry {
  /** The template text that was compiled: any other text is compiled when it is used. */
  readonly text: string;
  readonly spec: Parameters<typeof Handlebars.template>[0];
}

export interface PrecompiledTemplates {
  /** The Handlebars version that compiled them; another runtime compiles the texts itself. */
  readonly handlebars: string;
  readonly templates: Readonly<Record<string, PrecompiledEntry>>;
  readonly partials: Readonly<Record<string, PrecompiledEntry>>;
}

export const PRECOMPILED: PrecompiledTemplates | null = null;
