import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError } from '../diagnostics.js';
import type { Command, ParsedArgs } from './command.js';
import { commandLoaders, commandSummaries } from './commands/index.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, InputProblem } from '../exit-codes.js';
import { describeSystemError, isSystemError } from '../fs/environment-failure.js';
import { writeLine, type CliContext, type OutputStream } from './io.js';

export interface RunOptions {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Stops long-running commands (generate --watch) when aborted. */
  readonly signal?: AbortSignal;
}

export function version(): string {
  const packageJson = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

export function mainHelp(): string {
  const width = Math.max(...Object.keys(commandSummaries).map((name) => name.length));
  const commands = Object.entries(commandSummaries)
    .map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`)
    .join('\n');
  return `Usage: trackgen <command> [options]

Turns coverage-campaign records (data/), coverage reports and git history into
Markdown trackers, session summaries and a lessons-learned log.

Commands:
${commands}

Options:
  -h, --help     show help (also: trackgen <command> --help)
  -v, --version  print the version

Exit codes: 0 ok, 1 problems found, 2 usage or tool error.`;
}

/** The whole CLI as a function: parses argv, runs one command, returns the exit code. */
export async function run(options: RunOptions): Promise<number> {
  const context: CliContext = {
    cwd: options.cwd,
    stdout: options.stdout,
    stderr: options.stderr,
    env: options.env ?? process.env,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const [first, ...rest] = options.argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    if (topic !== undefined) return run({ ...options, argv: [topic, '--help'] });
    writeLine(first === undefined ? context.stderr : context.stdout, mainHelp());
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '-v' || first === '--version') {
    writeLine(context.stdout, version());
    return EXIT_OK;
  }
  const load = Object.hasOwn(commandLoaders, first) ? commandLoaders[first] : undefined;
  if (load === undefined) {
    writeLine(
      context.stderr,
      `trackgen: unknown command "${first}", expected one of: ${Object.keys(commandLoaders).join(', ')} (see trackgen --help)`,
    );
    return EXIT_USAGE;
  }
  try {
    const command = await load();
    const args = parseCommandArgs(command, rest);
    if (args.values['help'] === true) {
      writeLine(context.stdout, command.help);
      return EXIT_OK;
    }
    return await command.run(context, args);
  } catch (error) {
    return reportFailure(context, first, error);
  }
}

function parseCommandArgs(command: Command, argv: readonly string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.allowPositionals,
      strict: true,
    });
    return { values, positionals };
  } catch (error) {
    // node's messages name the option and what was wrong; point to the help for the rest.
    const message = error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
    throw new UsageError(`${message} (see trackgen ${command.name} --help)`);
  }
}

function reportFailure(context: CliContext, commandName: string, error: unknown): number {
  if (error instanceof UsageError || error instanceof InputProblem) {
    writeLine(context.stderr, `trackgen ${commandName}: ${error.message}`);
    return error instanceof InputProblem ? EXIT_PROBLEMS : EXIT_USAGE;
  }
  // Never a stack trace unless asked for (to report a bug): one line says what failed.
  const trace =
    context.env['TRACKGEN_DEBUG'] === '1' && error instanceof Error
      ? `\n${String(error.stack)}`
      : '';
  writeLine(
    context.stderr,
    `trackgen ${commandName}: ${describeFailure(error, context.cwd)}${trace}`,
  );
  return EXIT_USAGE;
}

function describeFailure(error: unknown, cwd: string): string {
  // The machine failed (a read-only folder, a full disk, ulimit -f).
  if (isSystemError(error)) return describeSystemError(error, cwd);
  if (error instanceof RangeError && /call stack/i.test(error.message))
    return 'an input is nested too deeply to read (the stack ran out); please report which file did this';
  const message = error instanceof Error ? error.message : String(error);
  return `internal error, please report it: ${message.split('\n')[0] ?? ''} (TRACKGEN_DEBUG=1 shows where)`;
}
