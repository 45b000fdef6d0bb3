// Loaded with `node --import`: records the URL of every module the process resolves into the
// file named by TRACKGEN_IMPORT_LOG, one per line, so a test can tell what a run really loaded.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
const log = process.env.TRACKGEN_IMPORT_LOG;
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (log) appendFileSync(log, resolved.url + '\\n');
  return resolved;
}`;

register(`data:text/javascript,${encodeURIComponent(hooks)}`, import.meta.url);
