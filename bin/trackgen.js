#!/usr/bin/env node
// CommonJS (bin/package.json), as the bundle it runs: an ES module entry would start Node's ES
// module loader, time every commit would wait for.
'use strict';
const { BUNDLE, loadBundle } = require('./load-bundle.js');

let bundle;
try {
  bundle = loadBundle();
} catch (error) {
  // A clone that was never built, or a bundle that does not load: one line, exit 2 (a tool error).
  const missing = error.code === 'ENOENT' && error.path === BUNDLE;
  process.stderr.write(
    missing
      ? `trackgen: ${BUNDLE} is missing: build trackgen first (npm run build)\n`
      : `trackgen: cannot load ${BUNDLE}: ${String(error.message).split('\n')[0]}\n`,
  );
  process.exit(2);
}

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

bundle
  .run({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
  })
  .then((code) => {
    process.exitCode = code;
  });
