import type { Command } from '../command.js';

/**
 * Commands load on demand: a pre-commit hook pays only for the modules its command imports
 * (the remark stack alone costs ~150 ms to import).
 */
export const commandLoaders: Readonly<Record<string, () => Promise<Command>>> = {
  coverage: async () => (await import('./coverage.js')).coverageCommand,
};

/** Kept beside the loaders so `trackgen --help` needs no command module. */
export const commandSummaries: Readonly<Record<string, string>> = {
  coverage: "read Cobertura XML or coverage.py JSON reports and print coverage.py's figures",
};
