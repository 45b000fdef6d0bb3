// Bundles the built CLI (dist/cli/run.js, from tsc) with esbuild into one CommonJS file,
// dist/bundle/trackgen.cjs, the code bin/trackgen.js runs (run by `npm run build`, after tsc and
// the template precompiler). One file, because Node 20 keeps no compiled code for ES modules
// between runs, while a CommonJS script compiled through node:vm can reuse V8's code cache
// (bin/load-bundle.js): the hook then starts without parsing or compiling the bundle again.
// Every module reached only through a dynamic import() stays a lazily run wrapper (esbuild's
// __esm and __commonJS), so the light paths (--help, an unchanged `check`, the hook on an unrelated
// commit) still run no code of the schema library, template engine, Markdown or XML parser
// (tests/light-paths.test.ts checks this with V8's coverage of a real run).
//
// The first line names the SHA-256 of the rest: the code cache is kept per bundle content.
//
// The runtime dependencies are bundled too: installing trackgen fetches no other package. Their
// licence texts go to dist/bundle/THIRD-PARTY-LICENSES.txt, which the package ships.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');
const outdir = join(dist, 'bundle');

/**
 * Modules find trackgen's own files (templates/, schemas/, package.json, the precompiled
 * templates) relative to `import.meta.url`, which a CommonJS file lacks. Each module's
 * `import.meta.url` is rewritten to the URL its unbundled file has, resolved against the bundle's
 * own URL (the banner's BUNDLE_URL): the same relative paths keep working, since the bundle sits
 * in dist/bundle/.
 */
const BUNDLE_URL = '__trackgenBundleUrl';
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (args) => {
      if (!args.path.startsWith(dist + sep)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const own = relative(outdir, args.path).split(sep).join('/');
      return {
        contents: source.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(own)}, ${BUNDLE_URL}).href`,
        ),
        loader: 'js',
      };
    });
  },
};

/**
 * Code no run needs, left out: zod's translations of its messages into 60-odd languages (trackgen
 * words its own messages, in English; the English locale stays, zod's default), and the
 * source-map library, which Handlebars' compiler only tries to load for source maps (it falls
 * back to plain strings when the load fails, and trackgen never asks for maps).
 */
const leaveOut = {
  name: 'leave-out',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '../locales/en.js'), namespace: 'zod-english' }
        : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'zod-english' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
    esbuild.onResolve({ filter: /^source-map$/ }, () => ({
      path: 'source-map',
      namespace: 'left-out',
    }));
    esbuild.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({
      contents: "throw new Error('not bundled');",
      loader: 'js',
    }));
  },
};

/** The package names (and their folders) the bundle holds code of, from the metafile. */
function bundledPackages(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /(.*node_modules\/)((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match?.[1] !== undefined && match[2] !== undefined)
      packages.set(match[2], join(root, match[1], match[2]));
  }
  return new Map([...packages].sort(([a], [b]) => a.localeCompare(b)));
}

function licenceText(folder) {
  const file = readdirSync(folder).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
  if (file !== undefined) return readFileSync(join(folder, file), 'utf8').trim();
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  return `Licence: ${manifest.license ?? 'unknown'} (no licence file in the package)`;
}

function writeLicences(metafile) {
  const parts = [
    'trackgen bundles code from the packages below; each one’s licence follows its name.',
  ];
  for (const [name, folder] of bundledPackages(metafile)) {
    const { version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    parts.push(`${'='.repeat(72)}\n${name}@${version}\n\n${licenceText(folder)}`);
  }
  writeFileSync(join(outdir, 'THIRD-PARTY-LICENSES.txt'), `${parts.join('\n\n')}\n`);
}

/** The bundle's text, behind a first line that names the SHA-256 of that text. */
function withContentLine(code) {
  const sha256 = createHash('sha256').update(code).digest('hex');
  return `// trackgen bundle sha256=${sha256}\n${code}`;
}

if (!existsSync(join(dist, 'cli/run.js'))) {
  console.error('scripts/bundle.js: dist/cli/run.js is missing: run tsc first');
  process.exit(2);
}
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await build({
  entryPoints: [join(dist, 'cli/run.js')],
  outfile: join(outdir, 'trackgen.cjs'),
  write: false,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  // ES module builds first: jsonc-parser's `main` is a UMD file whose require() calls esbuild
  // cannot follow.
  mainFields: ['module', 'main'],
  // Strict mode first, as ES modules have it: a directive counts only before any statement.
  banner: {
    js: `'use strict';\nconst ${BUNDLE_URL} = require('node:url').pathToFileURL(__filename).href;`,
  },
  legalComments: 'none',
  // A third smaller, names kept: less to read at every start, and to parse when the code cache
  // is cold; stack traces (TRACKGEN_DEBUG=1) still name every function.
  minifyWhitespace: true,
  metafile: true,
  logLevel: 'warning',
  plugins: [keepModuleUrls, leaveOut],
});
for (const output of result.outputFiles) writeFileSync(output.path, withContentLine(output.text));
// Tests read which modules the bundle holds (not shipped: the package files exclude it).
writeFileSync(join(outdir, 'metafile.json'), JSON.stringify(result.metafile));
writeLicences(result.metafile);
