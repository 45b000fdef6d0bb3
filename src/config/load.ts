/** Validated settings: the config file checked against its schema, every problem positioned. */
import * as z from 'zod';
// Before any schema is built.
import '../data/zod-settings.js';
import { parseJsonText } from '../data/json-text.js';
import { schemaDiagnostics } from '../data/schema-issues.js';
import { existsSync, statSync } from 'node:fs';
import { hasErrors, UsageError, type Diagnostic } from '../diagnostics.js';
import { shownPath } from '../text/paths.js';
import { configSchema } from './schema.js';
import { findConfig, resolveSettings, type Flags, type Settings } from './settings.js';

export { CONFIG_FILE, DEFAULTS, type Flags, type Settings } from './settings.js';

/** Only the default templates/ may be absent: a folder someone named must be there. */
function requireTemplatesDir(settings: Settings): void {
  const dir = settings.templatesDir;
  if (dir === undefined || !existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(
      `templates directory not found: ${dir ?? '(none)'} (named by --templates or "templates" in the config)`,
    );
  }
}

/** `stopAt`: a folder the config search goes no higher than (the hook's temporary copy). */
export function loadSettings(
  cwd: string,
  flags: Flags,
  stopAt?: string,
): { settings: Settings | undefined; diagnostics: Diagnostic[] } {
  const source = findConfig(cwd, stopAt);
  if (source.file === undefined || source.text === undefined) {
    const settings = resolveSettings(cwd, flags, {}, undefined);
    if (flags.templates !== undefined) requireTemplatesDir(settings);
    return { settings, diagnostics: [] };
  }
  // Relative to the working directory, like every path in a message: "../../trackgen.config.json".
  const shownAs = shownPath(cwd, source.file);
  const { parsed, diagnostics } = parseJsonText(shownAs, source.text);
  if (parsed === undefined || hasErrors(diagnostics)) return { settings: undefined, diagnostics };
  const value = source.keyPath.reduce<unknown>(
    (current, key) => (current as Record<string, unknown>)[key],
    parsed.value,
  );
  const result = configSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      ...issue,
      path: [...source.keyPath, ...issue.path],
    }));
    const schemaAtRoot =
      source.keyPath.length === 0 ? configSchema : z.object({ trackgen: configSchema });
    return { settings: undefined, diagnostics: schemaDiagnostics(parsed, schemaAtRoot, issues) };
  }
  const settings = resolveSettings(cwd, flags, result.data, source.file);
  if (flags.templates !== undefined || result.data.templates !== undefined)
    requireTemplatesDir(settings);
  return { settings, diagnostics };
}
