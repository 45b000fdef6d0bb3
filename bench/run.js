// `npm run bench`: the figures of issue 15, each beside its target, in one run
// (bench/figures/main.js). `npm run bench -- --quick` runs them at tiny sizes (a smoke test: it
// proves the bench works, its figures mean nothing). `npm run bench -- NAME...` runs the older
// single benches instead (bench/NAME.js: coverage, generate, hook, merge), each in its own child
// process, so each one's timings and peak RSS are its own. Needs `npm run build` first.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const wanted = args.filter((arg) => arg !== '--quick');
const env = quick ? { ...process.env, BENCH_QUICK: '1' } : process.env;
const benches =
  wanted.length === 0
    ? ['figures/main.js']
    : readdirSync(here)
        .filter((name) => name.endsWith('.js') && name !== 'run.js')
        .filter((name) => wanted.includes(name.replace(/\.js$/, '')))
        .sort();
if (benches.length === 0) {
  console.error(`npm run bench: no bench named ${wanted.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const name of benches) {
  if (wanted.length > 0) console.log(`== bench/${name}`);
  const result = spawnSync(process.execPath, [`${here}${name}`], { stdio: 'inherit', env });
  if (result.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
