/**
 * vitest globalSetup: end-to-end tests run the built CLI (bin/trackgen.js → dist/), as users and
 * git hooks do. Build once per test run, and only when a source file is newer than its output.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
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
  const bundle = statSync(join(root, 'dist/bundle/trackgen.cjs'), { throwIfNoEntry: false });
  if (bundle === undefined) return true;
  const scripts = ['scripts/bundle.js', 'scripts/precompile-templates.js'];
  if (scripts.some((script) => bundle.mtimeMs < statSync(join(root, script)).mtimeMs)) return true;
  return sources(join(root, 'src')).some((source) => {
    const built = join(root, 'dist', relative(join(root, 'src'), source)).replace(/\.ts$/, '.js');
    const output = statSync(built, { throwIfNoEntry: false });
    const mtime = statSync(source).mtimeMs;
    return output === undefined || output.mtimeMs < mtime || bundle.mtimeMs < mtime;
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
  for (const script of ['scripts/precompile-templates.js', 'scripts/bundle.js'])
    execFileSync(process.execPath, [join(root, script)], { cwd: root, stdio: 'inherit' });
}
