#!/usr/bin/env node
import { run } from '../dist/bundle/run.js';

// A reader that went away (`trackgen coverage | head`) is no failure of trackgen's.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
// Whatever escapes the command (an error event nobody listened for): one line, never a trace.
process.on('uncaughtException', (error) => {
  const detail = process.env.TRACKGEN_DEBUG === '1' ? String(error.stack) : String(error.message);
  process.stderr.write(`trackgen: ${detail.split('\n')[0]}\n`);
  process.exit(2);
});

process.exitCode = await run({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
});
