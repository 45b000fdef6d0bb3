import { stat } from 'node:fs/promises';
import { UsageError } from '../diagnostics.js';

/** A data directory that is not there is a usage error (exit 2), not a data problem. */
export async function requireDataDir(dataDir: string): Promise<void> {
  const info = await stat(dataDir).catch(() => undefined);
  if (info === undefined)
    throw new UsageError(
      `data directory not found: ${dataDir} (pass --data DIR, or run trackgen init)`,
    );
  if (!info.isDirectory())
    throw new UsageError(`expected a data directory, found a file: ${dataDir}`);
}
