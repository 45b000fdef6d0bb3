#!/usr/bin/env node
import { run } from '../dist/bundle/run.js';

process.exitCode = await run({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
});
