/**
 * vitest globalSetup: end-to-end tests run the built CLI (bin/trackgen.js → dist/), as users and
 * git hooks do. Build once per test run, and only when a source file is newer than its output.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

function isStale(): boolean {
  if (!existsSync(join(root, 'dist/render/precompiled-templates.json'))) return true;
  return sources(join(root, 'src')).some((source) => {
    const built = join(root, 'dist', relative(join(root, 'src'), source)).replace(/\.ts$/, '.js');
    const output = statSync(built, { throwIfNoEntry: false });
    return output === undefined || output.mtimeMs < statSync(source).mtimeMs;
  });
}

export default function setup(): void {
  if (!isStale()) return;
  // What npm run build does, without npm's own start-up.
  execFileSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
    { cwd: root, stdio: 'inherit' },
  );
  execFileSync(process.execPath, [join(root, 'scripts/precompile-templates.js')], {
    cwd: root,
    stdio: 'inherit',
  });
}
