#!/usr/bin/env node
import * as nodeModule from 'node:module';

// Node 22.1+ keeps V8's compiled code for the bundle's chunks between runs (in the system's
// temporary folder): the hook, which runs at every commit, then starts without compiling them
// again. Node 20 has no such cache; a cache that cannot be written only costs that speed.
try {
  nodeModule.enableCompileCache?.();
} catch {
  // Not available or not writable: run without it.
}
const { run } = await import('../dist/bundle/run.js');

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
