/** Validated settings: the config file checked against its schema, every problem positioned. */
import { z } from 'zod';
import { parseJsonText } from '../data/json-text.js';
import { schemaDiagnostics } from '../data/schema-issues.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { configSchema } from './schema.js';
import { findConfig, resolveSettings, type Flags, type Settings } from './settings.js';

export { CONFIG_FILE, DEFAULTS, type Flags, type Settings } from './settings.js';

export function loadSettings(cwd: string, flags: Flags): { settings: Settings | undefined; diagnostics: Diagnostic[] } {
  const source = findConfig(cwd);
  if (source.file === undefined || source.text === undefined) return { settings: resolveSettings(cwd, flags, {}, undefined), diagnostics: [] };
  const shownAs = source.keyPath.length === 0 ? 'trackgen.config.json' : 'package.json';
  const { parsed, diagnostics } = parseJsonText(shownAs, source.text);
  if (parsed === undefined || hasErrors(diagnostics)) return { settings: undefined, diagnostics };
  const value = source.keyPath.reduce<unknown>((current, key) => (current as Record<string, unknown>)[key], parsed.value);
  const result = configSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({ ...issue, path: [...source.keyPath, ...issue.path] }));
    const schemaAtRoot = source.keyPath.length === 0 ? configSchema : z.object({ trackgen: configSchema });
    return { settings: undefined, diagnostics: schemaDiagnostics(parsed, schemaAtRoot, issues) };
  }
  return { settings: resolveSettings(cwd, flags, result.data, source.file), diagnostics };
}
