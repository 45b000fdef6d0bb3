// Compiles the built-in templates to JavaScript for dist/ (run by `npm run build`, after tsc):
// the built CLI then skips Handlebars compilation, the largest cost of `trackgen check`. They are
// written as code, replacing tsc's dist/render/precompiled-templates.js (which holds none), so
// the bundle holds them and V8's code cache keeps their compiled code between runs. Handlebars'
// code for a template is about 12 times the template's size; it is minified.
import { writeFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import Handlebars from 'handlebars';
import { precompileAll } from '../dist/render/precompiled.js';
import { BUILT_IN_TEMPLATES, loadTemplateSet } from '../dist/render/templates.js';

const set = loadTemplateSet([BUILT_IN_TEMPLATES], process.cwd());
const file = precompileAll(Handlebars, {
  templates: set.templates.values(),
  partials: set.partials.values(),
});
/** The same template specification object, minified: a JavaScript expression still. */
function minified(spec) {
  // Assigned, so the minifier keeps it (an unused expression would be dropped).
  const { code } = transformSync(`spec = (${spec})`, {
    minify: true,
    loader: 'js',
    target: 'node20.19',
  });
  const expression = code.trim().replace(/;$/, '');
  if (!expression.startsWith('spec=')) throw new Error(`unexpected minifier output: ${code}`);
  return expression.slice('spec='.length);
}

/** The entries as an object literal whose specs are code, not strings. */
const asCode = (entries) =>
  `{${Object.entries(entries)
    .map(
      ([name, entry]) =>
        `${JSON.stringify(name)}:{text:${JSON.stringify(entry.text)},spec:${minified(entry.spec)}}`,
    )
    .join(',')}}`;
writeFileSync(
  new URL('../dist/render/precompiled-templates.js', import.meta.url),
  `// Written by scripts/precompile-templates.js: the built-in templates, precompiled.\n` +
    `export const PRECOMPILED = {handlebars:${JSON.stringify(file.handlebars)},templates:${asCode(file.templates)},partials:${asCode(file.partials)}};\n`,
);
