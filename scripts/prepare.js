// `prepare`: builds dist/ after `npm install` in a clone, when npm installs trackgen from git, and
// before `npm pack` / `npm publish`. A tarball carries dist/ and runs no prepare for whoever
// installs it.
//
// Nothing here writes to stdout: the pre-commit framework (`language: node`, up to 4.6.0 at least)
// runs `npm pack` in its clone and takes the whole of its stdout as the tarball's name. The build
// steps run with their stdout sent to stderr, and the repository's .npmrc turns off
// foreground-scripts so that npm prints no "> trackgen@… prepare" banner on stdout either.
//
// npm prepares a git dependency installed globally (`npm install -g git+…`) without its
// devDependencies (https://github.com/npm/cli/issues/8440), so they are installed here first, into
// this folder, when TypeScript is missing.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const has = (path) => existsSync(new URL(`../${path}`, import.meta.url));
// stdin closed, the child's stdout on our stderr, its stderr on our stderr.
const quiet = { cwd: root, stdio: ['ignore', 2, 2] };

const npm = (...args) => {
  const execpath = process.env.npm_execpath;
  const [command, prefix] = execpath === undefined ? ['npm', []] : [process.execPath, [execpath]];
  // npm_config_global comes from the outer `npm install -g`: this install is local to the folder.
  execFileSync(command, [...prefix, ...args], {
    ...quiet,
    env: { ...process.env, npm_config_global: 'false', npm_config_location: 'project' },
  });
};

if (!has('node_modules/typescript/package.json')) {
  // A folder that already holds a build and has no TypeScript (an unpacked tarball) needs nothing.
  if (has('dist/bundle/trackgen.cjs') && !has('src')) process.exit(0);
  npm('install', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund');
}
// The steps of `npm run build`, run directly: `npm run` would print its banner on stdout. dist/
// starts empty so that a module renamed or deleted since the last build is not packed.
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], quiet);
execFileSync(process.execPath, ['scripts/precompile-templates.js'], quiet);
execFileSync(process.execPath, ['scripts/bundle.js'], quiet);
