/**
 * Settings with an explicit precedence: built-in defaults < trackgen.config.json (or the
 * "trackgen" key of package.json) < command-line flags. The config is found in the working
 * directory or the nearest parent that has one, up to the repository's top. Paths in a config
 * file, and the defaults when there is one, are relative to the file's folder; flags are relative
 * to the working directory. Resolution is separate from validation
 * (load.ts) so that a run whose inputs have not changed needs no schema library at all.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { UsageError } from '../diagnostics.js';
import { dirname, join, resolve } from 'node:path';
import type { ConfigFile } from './schema.js';

export const CONFIG_FILE = 'trackgen.config.json';

export interface Settings {
  readonly root: string;
  readonly dataDir: string;
  readonly outDir: string;
  /** The user's templates directory, when there is one. */
  readonly templatesDir: string | undefined;
  /** Overrides project.json's coverageReport when set. */
  readonly coverageReports: readonly string[] | undefined;
  /** pytest's results (JUnit XML, terminal output) record-tests reads when given none. */
  readonly testResults: readonly string[];
  readonly outputs: {
    readonly tracker: string;
    readonly summary: string;
    readonly lessons: string;
    /** The coverage badge's path, when the config asks for one. */
    readonly badge?: string | undefined;
  };
  readonly documents: readonly { readonly template: string; readonly output: string }[];
  /** The one definition of "Modules at TRUE 100%" every document uses. */
  readonly true100Count: 'campaign' | 'report';
  /** Where the settings came from, for messages. */
  readonly configFile: string | undefined;
}

export interface Flags {
  readonly data?: string | undefined;
  readonly out?: string | undefined;
  readonly templates?: string | undefined;
  readonly report?: readonly string[] | undefined;
}

export const DEFAULTS = {
  data: 'data',
  outDir: 'docs',
  templates: 'templates',
  outputs: {
    tracker: 'PHASE_{phase}_PROGRESS_TRACKER.md',
    summary: 'sessions/SESSION_{session}_SUMMARY.md',
    lessons: 'LESSONS_LEARNED.md',
  },
} as const;

export interface ConfigSource {
  /** Absolute path of the file that holds the config, when there is one. */
  readonly file: string | undefined;
  /** Its text (the whole package.json when the config is its "trackgen" key). */
  readonly text: string | undefined;
  /** Keys leading to the config inside the file: [] or ["trackgen"]. */
  readonly keyPath: readonly string[];
  /**
   * The folders looked in, nearest first, ending with the one that holds the config: a config
   * file created in any of them would be found instead (the watch watches them all).
   */
  readonly searched: readonly string[];
}

/**
 * THE config finder, used by every command, the run cache and the hook: trackgen.config.json,
 * else package.json with a "trackgen" key, in `cwd`, then in each parent — like git and
 * Prettier — stopping after the repository's top (the folder holding `.git`, a directory or a
 * worktree's file) or `stopAt`, so a config above the repository never applies to it.
 */
export function findConfig(cwd: string, stopAt?: string): ConfigSource {
  const searched: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    searched.push(dir);
    const found = configIn(dir);
    if (found !== undefined) return { ...found, searched };
    if (dir === stopAt || existsSync(join(dir, '.git')) || dirname(dir) === dir)
      return { file: undefined, text: undefined, keyPath: [], searched };
  }
}

function configIn(dir: string): Omit<ConfigSource, 'searched'> | undefined {
  const configPath = join(dir, CONFIG_FILE);
  if (existsSync(configPath)) {
    if (!statSync(configPath).isFile())
      throw new UsageError(
        `expected ${CONFIG_FILE} to be a file, found a directory or special file: ${configPath}`,
      );
    return { file: configPath, text: readFileSync(configPath, 'utf8'), keyPath: [] };
  }
  const packagePath = join(dir, 'package.json');
  if (!existsSync(packagePath) || !statSync(packagePath).isFile()) return undefined;
  const text = readFileSync(packagePath, 'utf8');
  // A cheap look before any parse: most package.json files have no trackgen key.
  if (!text.includes('"trackgen"')) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (value !== null && typeof value === 'object' && 'trackgen' in value)
      return { file: packagePath, text, keyPath: ['trackgen'] };
  } catch {
    // An unparsable package.json is not ours to report; it simply holds no config.
  }
  return undefined;
}

export function resolveSettings(
  cwd: string,
  flags: Flags,
  config: ConfigFile,
  file: string | undefined,
): Settings {
  const base = file === undefined ? cwd : dirname(file);
  const fromConfig = (value: string | undefined) =>
    value === undefined ? undefined : resolve(base, value);
  const fromFlag = (value: string | undefined) =>
    value === undefined ? undefined : resolve(cwd, value);
  // The defaults belong to the project, so they too are relative to the config's folder.
  const defaultTemplates = resolve(base, DEFAULTS.templates);
  const configReports =
    config.coverageReport === undefined
      ? undefined
      : (Array.isArray(config.coverageReport)
          ? config.coverageReport
          : [config.coverageReport]
        ).map((path) => resolve(base, path));
  return {
    root: base,
    dataDir: fromFlag(flags.data) ?? fromConfig(config.data) ?? resolve(base, DEFAULTS.data),
    outDir: fromFlag(flags.out) ?? fromConfig(config.outDir) ?? resolve(base, DEFAULTS.outDir),
    templatesDir:
      fromFlag(flags.templates) ??
      fromConfig(config.templates) ??
      (existsSync(defaultTemplates) ? defaultTemplates : undefined),
    coverageReports:
      flags.report !== undefined && flags.report.length > 0
        ? flags.report.map((path) => resolve(cwd, path))
        : configReports,
    testResults: (config.testResults === undefined
      ? []
      : Array.isArray(config.testResults)
        ? config.testResults
        : [config.testResults]
    ).map((path) => resolve(base, path)),
    outputs: {
      tracker: config.outputs?.tracker ?? DEFAULTS.outputs.tracker,
      summary: config.outputs?.summary ?? DEFAULTS.outputs.summary,
      lessons: config.outputs?.lessons ?? DEFAULTS.outputs.lessons,
      ...(config.outputs?.badge === undefined ? {} : { badge: config.outputs.badge }),
    },
    documents: config.documents ?? [],
    true100Count: config.true100Count ?? 'campaign',
    configFile: file,
  };
}

/**
 * Settings from a config that is NOT validated: only for the cached path, whose cache key
 * includes the config's text, so a hit means this very text passed validation before.
 */
export function unvalidatedSettings(
  cwd: string,
  flags: Flags,
  source: ConfigSource,
): Settings | undefined {
  if (source.text === undefined) return resolveSettings(cwd, flags, {}, undefined);
  try {
    const value = source.keyPath.reduce<unknown>(
      (current, key) => (current as Record<string, unknown>)[key],
      JSON.parse(source.text),
    );
    return value !== null && typeof value === 'object'
      ? resolveSettings(cwd, flags, value, source.file)
      : undefined;
  } catch {
    return undefined;
  }
}
