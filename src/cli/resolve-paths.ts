import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../diagnostics.js';
import type { ParsedArgs } from './command.js';
import type { CliContext } from './io.js';

/** The --data flag, or "data" under the working directory; a missing folder is a usage error. */
export async function resolveDataDir(context: CliContext, args: ParsedArgs, configured = 'data'): Promise<string> {
  const flag = args.values['data'];
  const dataDir = resolve(context.cwd, typeof flag === 'string' ? flag : configured);
  await requireDataDir(dataDir);
  return dataDir;
}

/** A data directory that is not there is a usage error (exit 2), not a data problem. */
export async function requireDataDir(dataDir: string): Promise<void> {
  const info = await stat(dataDir).catch(() => undefined);
  if (info === undefined) throw new UsageError(`data directory not found: ${dataDir} (pass --data DIR, or run trackgen init)`);
  if (!info.isDirectory()) throw new UsageError(`expected a data directory, found a file: ${dataDir}`);
}
