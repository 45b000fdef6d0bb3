import type { ParseArgsConfig } from 'node:util';
import type { CliContext } from './io.js';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  readonly positionals: string[];
}

export interface Command {
  readonly name: string;
  /** One line for the command list in `trackgen --help`. */
  readonly summary: string;
  /** The full `trackgen <name> --help` text, without the trailing newline. */
  readonly help: string;
  readonly options: OptionsConfig;
  /** Whether the command takes positional arguments (files, section ids, …). */
  readonly allowPositionals: boolean;
  run(context: CliContext, args: ParsedArgs): Promise<number>;
}
