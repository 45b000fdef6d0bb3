// Runs every bench/*.js benchmark (except this runner) in its own child process, one after
// another, so each one's timings and peak RSS are its own. `npm run bench [-- NAME...]`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((name) => name.endsWith('.js') && name !== 'run.js')
  .filter((name) => wanted.length === 0 || wanted.includes(name.replace(/\.js$/, '')))
  .sort();
let failed = 0;
for (const name of benches) {
  console.log(`== bench/${name}`);
  const result = spawnSync(process.execPath, [`${here}${name}`], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
