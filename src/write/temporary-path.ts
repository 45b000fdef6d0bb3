import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

// Random once per process, then counted: as unique as random bytes per write (a crashed run's
// leftover never has this process's random part), without asking the system for randomness a
// thousand times in a run that writes a thousand documents.
const PROCESS_PART = randomBytes(4).toString('hex');
let written = 0;

/**
 * Beside the target, so the rename is atomic (never across file systems); unique per write.
 * Named `.trackgen-tmp-PID-HEX-NAME` (fs/environment-failure.ts and watch/targets.ts know it).
 */
export function temporaryPath(target: string): string {
  written += 1;
  return join(
    dirname(target),
    `.trackgen-tmp-${process.pid}-${PROCESS_PART}${written.toString(16)}-${basename(target)}`,
  );
}
