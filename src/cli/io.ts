export interface OutputStream {
  write(chunk: string): unknown;
}

/** Everything a command may touch of its surroundings, so tests can run it in process. */
export interface CliContext {
  readonly cwd: string;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Environment variables (defaults to process.env in the bin). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Stops long-running commands (generate --watch); without it they stop on Ctrl-C. */
  readonly signal?: AbortSignal;
}

export function writeLine(stream: OutputStream, line = ''): void {
  stream.write(`${line}\n`);
}

export function writeLines(stream: OutputStream, lines: readonly string[]): void {
  for (const line of lines) writeLine(stream, line);
}
