// Compiles the built-in templates to JavaScript for dist/ (run by `npm run build`, after tsc):
// the built CLI then skips Handlebars compilation, the largest cost of `trackgen check`.
// Handlebars' code for a template is about 12 times the template's size; minified, V8 parses
// a little over half of it at the first render of each run.
import { writeFileSync } from 'node:fs';
import { transformSync } from 'esbuild';
import Handlebars from 'handlebars';
import { PRECOMPILED_FILE, precompileAll } from '../dist/render/precompiled.js';
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

const minifyEach = (entries) =>
  Object.fromEntries(
    Object.entries(entries).map(([name, entry]) => [
      name,
      { ...entry, spec: minified(entry.spec) },
    ]),
  );
writeFileSync(
  new URL(`../dist/render/${PRECOMPILED_FILE}`, import.meta.url),
  `${JSON.stringify({ ...file, templates: minifyEach(file.templates), partials: minifyEach(file.partials) })}\n`,
);
