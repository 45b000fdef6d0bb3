import { stat } from 'node:fs/promises';
import { UsageError } from '../diagnostics.js';
import { shownPath } from '../text/paths.js';
import type { Settings } from './settings.js';

/**
 * A data directory that is not there is a usage error (exit 2), not a data problem. Inside a
 * project whose config was found (perhaps in a parent folder), the fix is the config or the
 * folder, never `trackgen init` in a subfolder.
 */
export async function requireDataDir(
  settings: Pick<Settings, 'dataDir' | 'configFile'>,
  cwd: string,
): Promise<void> {
  const { dataDir, configFile } = settings;
  const shown = shownPath(cwd, dataDir);
  const info = await stat(dataDir).catch(() => undefined);
  if (info === undefined)
    throw new UsageError(
      `data directory not found: ${shown} (${
        configFile === undefined
          ? 'pass --data DIR, or run trackgen init'
          : `set "data" in ${shownPath(cwd, configFile)}, or pass --data DIR`
      })`,
    );
  if (!info.isDirectory())
    throw new UsageError(`expected a data directory, found a file: ${shown}`);
}
