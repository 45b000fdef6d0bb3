/**
 * Which paths feed the documents, worked out from the staged config and project.json with
 * JSON.parse alone: the hook's no-op path must decide without loading the pipeline (zod,
 * Handlebars, the coverage reader). When a file does not parse, everything counts as an input,
 * and the full run reports the problem with its position.
 */
import { posix } from 'node:path';
import { CONFIG_FILE, DEFAULTS } from '../config/settings.js';
import { namedReports } from '../pipeline/report-paths.js';
import { toSlashes } from '../text/paths.js';

export interface ProjectInputs {
  /** Paths relative to the top of the working tree; a directory ends with "/". */
  readonly inputs: readonly string[];
  /** The output directory, relative to the top, ending with "/". */
  readonly outDir: string;
  /** Where project.json is, relative to the top: its coverageReport is an input too. */
  readonly projectFile: string;
  /** False when the config could not be read: treat every staged path as an input. */
  readonly understood: boolean;
}

/**
 * `prefix` is the project directory relative to the top ("" or ending with "/"); the texts are
 * the staged trackgen.config.json and package.json (undefined when not in the index).
 */
export function projectInputs(
  prefix: string,
  configText: string | undefined,
  packageText: string | undefined,
): ProjectInputs {
  const parsed =
    configText !== undefined
      ? parseObject(configText)
      : packageText !== undefined
        ? parseObject(packageText)
        : {};
  const config: unknown = configText !== undefined ? parsed : (parsed?.['trackgen'] ?? {});
  const settings =
    config !== null && typeof config === 'object' ? (config as Record<string, unknown>) : {};
  const paths = ['data', 'templates', 'outDir']
    .map((key) => settings[key])
    .concat(namedReports(settings['coverageReport']));
  const understood =
    parsed !== undefined &&
    settings === config &&
    !paths.some(
      (path) =>
        typeof path === 'string' && (posix.isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path)),
    );
  const at = (value: unknown, fallback: string) =>
    normalise(prefix, typeof value === 'string' ? value : fallback);
  const dataDir = at(settings['data'], DEFAULTS.data);
  const reports = namedReports(settings['coverageReport']).map((path) => normalise(prefix, path));
  return {
    inputs: [
      `${prefix}${CONFIG_FILE}`,
      `${prefix}package.json`,
      `${dataDir}/`,
      `${at(settings['templates'], DEFAULTS.templates)}/`,
      ...reports,
    ],
    outDir: `${at(settings['outDir'], DEFAULTS.outDir)}/`,
    projectFile: `${dataDir}/project.json`,
    understood,
  };
}

/** The coverage report(s) project.json names (relative to its folder), relative to the top. */
export function reportInputs(
  projectFile: string,
  projectText: string | undefined,
): string[] | undefined {
  if (projectText === undefined) return [];
  const project = parseObject(projectText);
  if (project === undefined) return undefined;
  return namedReports(project['coverageReport']).map((path) =>
    normalise(posix.dirname(projectFile) + '/', path),
  );
}

export function isInput(path: string, inputs: readonly string[]): boolean {
  return inputs.some((input) => (input.endsWith('/') ? path.startsWith(input) : path === input));
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** "data/" + "../x" → "x"; a path outside the working tree stays "../…" (never staged). */
function normalise(prefix: string, path: string): string {
  const joined = posix.normalize(posix.join(prefix, toSlashes(path)));
  return joined.replace(/\/$/, '').replace(/^\.\//, '');
}
