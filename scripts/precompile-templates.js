// Compiles the built-in templates to JavaScript for dist/ (run by `npm run build`, after tsc):
// the built CLI then skips Handlebars compilation, the largest cost of `trackgen check`.
import { writeFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { PRECOMPILED_FILE, precompileAll } from '../dist/render/precompiled.js';
import { BUILT_IN_TEMPLATES, loadTemplateSet } from '../dist/render/templates.js';

const set = loadTemplateSet([BUILT_IN_TEMPLATES], process.cwd());
const file = precompileAll(Handlebars, {
  templates: set.templates.values(),
  partials: set.partials.values(),
});
writeFileSync(
  new URL(`../dist/render/${PRECOMPILED_FILE}`, import.meta.url),
  `${JSON.stringify(file)}\n`,
);
