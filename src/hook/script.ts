/**
 * The pre-commit hook script: POSIX sh, calls the hook it replaced first (its failure blocks
 * the commit), then runs this project's own trackgen with node directly (npx would add ~300 ms
 * to every commit).
 */
export const HOOK_NAME = 'pre-commit';
/** Where an existing hook is kept while trackgen's is installed; git ignores this name. */
export const CHAINED_NAME = 'pre-commit.trackgen-chained';
/** The line that tells `install` and `uninstall` a hook is trackgen's. */
export const MARKER = '# trackgen pre-commit hook';

export interface HookScriptOptions {
  /** bin/trackgen.js: relative to the top of the working tree when inside it, else absolute. */
  readonly bin: string;
  /** The project directory relative to the top of the working tree ("" at the top). */
  readonly projectDir: string;
  /** The node that ran `install`, used when `node` is not on the hook's PATH (GUI clients). */
  readonly fallbackNode: string;
}

export function hookScript(options: HookScriptOptions): string {
  const binIsRelative = !options.bin.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(options.bin);
  return `#!/bin/sh
${MARKER}: regenerates the docs from the staged data and stages them.
# Written by \`trackgen hook install\`; \`trackgen hook uninstall\` removes it (and puts back
# the hook it replaced). Skip it once with \`git commit --no-verify\`. See docs/hooks.md.

# git runs hooks from the top of the working tree, by a path. Parameter expansion, not dirname:
# each process started here is time every commit waits for.
case "$0" in */*) hooks="\${0%/*}" ;; *) hooks=. ;; esac
chained="$hooks/${CHAINED_NAME}"
if [ -x "$chained" ]; then
  "$chained" "$@" || exit $?
fi

trackgen=${binIsRelative ? `"$PWD"/${shellQuote(options.bin)}` : shellQuote(options.bin)}
if [ ! -f "$trackgen" ]; then
  echo "trackgen pre-commit hook: $trackgen not found: run npm install (or trackgen hook uninstall); commit blocked" >&2
  exit 1
fi
node=$(command -v node 2>/dev/null) || node=${shellQuote(options.fallbackNode)}
${options.projectDir === '' ? '' : changeDirectory(options.projectDir)}# No V8 options: with any, node compiles its own modules from source (its cache of them is made
# without options), which costs every commit more than the option could save.
exec "$node" "$trackgen" hook run
`;
}

export function isTrackgenHook(text: string): boolean {
  return text.split('\n', 3).some((line) => line.startsWith(MARKER));
}

/** git may pass a relative GIT_INDEX_FILE (relative to the top): keep it pointing there. */
function changeDirectory(projectDir: string): string {
  return `case "\${GIT_INDEX_FILE:-}" in ''|/*|[A-Za-z]:*) ;; *) GIT_INDEX_FILE="$PWD/$GIT_INDEX_FILE"; export GIT_INDEX_FILE ;; esac
cd ${shellQuote(projectDir)} || exit 2
`;
}

function shellQuote(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
