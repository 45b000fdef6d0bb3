/**
 * Settings with an explicit precedence: built-in defaults < trackgen.config.json (or the
 * "trackgen" key of package.json) < command-line flags. Paths in a config file are relative to
 * the file; flags are relative to the working directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { parseJsonText } from '../data/json-text.js';
import { schemaDiagnostics } from '../data/schema-issues.js';
import { hasErrors, type Diagnostic } from '../diagnostics.js';
import { CONFIG_FILE, DEFAULTS } from './defaults.js';
import { configSchema, type ConfigFile } from './schema.js';

export { CONFIG_FILE, DEFAULTS };

export interface Settings {
  readonly root: string;
  readonly dataDir: string;
  readonly outDir: string;
  /** The user's templates directory, when there is one. */
  readonly templatesDir: string | undefined;
  /** Overrides project.json's coverageReport when set. */
  readonly coverageReports: readonly string[] | undefined;
  readonly outputs: { readonly tracker: string; readonly summary: string; readonly lessons: string };
  readonly documents: readonly { readonly template: string; readonly output: string }[];
  /** Where the settings came from, for messages. */
  readonly configFile: string | undefined;
}

export interface Flags {
  readonly data?: string | undefined;
  readonly out?: string | undefined;
  readonly templates?: string | undefined;
  readonly report?: readonly string[] | undefined;
}

export function loadSettings(cwd: string, flags: Flags): { settings: Settings | undefined; diagnostics: Diagnostic[] } {
  const found = readConfigFile(cwd);
  if (found.diagnostics.some((diagnostic) => diagnostic.severity === 'error')) return { settings: undefined, diagnostics: found.diagnostics };
  const config = found.config ?? {};
  const base = found.file === undefined ? cwd : dirname(found.file);
  const fromConfig = (value: string | undefined) => (value === undefined ? undefined : resolve(base, value));
  const fromFlag = (value: string | undefined) => (value === undefined ? undefined : resolve(cwd, value));
  const configuredTemplates = fromFlag(flags.templates) ?? fromConfig(config.templates);
  const defaultTemplates = resolve(cwd, DEFAULTS.templates);
  const configReports = config.coverageReport === undefined ? undefined : (Array.isArray(config.coverageReport) ? config.coverageReport : [config.coverageReport]).map((path) => resolve(base, path));
  return {
    settings: {
      root: base,
      dataDir: fromFlag(flags.data) ?? fromConfig(config.data) ?? resolve(cwd, DEFAULTS.data),
      outDir: fromFlag(flags.out) ?? fromConfig(config.outDir) ?? resolve(cwd, DEFAULTS.outDir),
      templatesDir: configuredTemplates ?? (existsSync(defaultTemplates) ? defaultTemplates : undefined),
      coverageReports: flags.report !== undefined && flags.report.length > 0 ? flags.report.map((path) => resolve(cwd, path)) : configReports,
      outputs: {
        tracker: config.outputs?.tracker ?? DEFAULTS.outputs.tracker,
        summary: config.outputs?.summary ?? DEFAULTS.outputs.summary,
        lessons: config.outputs?.lessons ?? DEFAULTS.outputs.lessons,
      },
      documents: config.documents ?? [],
      configFile: found.file,
    },
    diagnostics: found.diagnostics,
  };
}

function readConfigFile(cwd: string): { config: ConfigFile | undefined; file: string | undefined; diagnostics: Diagnostic[] } {
  const configPath = join(cwd, CONFIG_FILE);
  if (existsSync(configPath)) return parseConfig(configPath, CONFIG_FILE, readFileSync(configPath, 'utf8'), []);
  const packagePath = join(cwd, 'package.json');
  if (existsSync(packagePath)) {
    const { parsed } = parseJsonText('package.json', readFileSync(packagePath, 'utf8'));
    const value = parsed?.value;
    if (value !== null && typeof value === 'object' && 'trackgen' in value) {
      return parseConfig(packagePath, 'package.json', readFileSync(packagePath, 'utf8'), ['trackgen']);
    }
  }
  return { config: undefined, file: undefined, diagnostics: [] };
}

function parseConfig(path: string, shownAs: string, text: string, keyPath: readonly string[]): { config: ConfigFile | undefined; file: string; diagnostics: Diagnostic[] } {
  const { parsed, diagnostics } = parseJsonText(shownAs, text);
  if (parsed === undefined || hasErrors(diagnostics)) return { config: undefined, file: path, diagnostics };
  const value = keyPath.reduce<unknown>((current, key) => (current as Record<string, unknown>)[key], parsed.value);
  const result = configSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({ ...issue, path: [...keyPath, ...issue.path] }));
    const schemaAtRoot = keyPath.length === 0 ? configSchema : z.object({ trackgen: configSchema });
    return { config: undefined, file: path, diagnostics: schemaDiagnostics(parsed, schemaAtRoot, issues) };
  }
  return { config: result.data, file: path, diagnostics };
}
