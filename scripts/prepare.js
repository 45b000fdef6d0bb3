// `prepare`: builds dist/ after `npm install` in a clone, and when npm installs trackgen from git.
// npm prepares a git dependency installed globally — what the pre-commit framework's
// `language: node` does — without its devDependencies (https://github.com/npm/cli/issues/8440),
// so they are installed here first, into this folder, when TypeScript is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const npm = (...args) => {
  const execpath = process.env.npm_execpath;
  const [command, prefix] = execpath === undefined ? ['npm', []] : [process.execPath, [execpath]];
  // npm_config_global comes from the outer `npm install -g`: this install is local to the folder.
  execFileSync(command, [...prefix, ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, npm_config_global: 'false', npm_config_location: 'project' },
  });
};

if (!existsSync(new URL('../node_modules/typescript/package.json', import.meta.url))) {
  npm('install', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund');
}
npm('run', 'build');
