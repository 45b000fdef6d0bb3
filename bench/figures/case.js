// One measured case in a process of its own, so its peak RSS is its own:
//   node bench/figures/case.js CASE FILE [FRESH]
// prints {seconds, cpuSeconds, maxRssMB, result} as JSON. Modules are imported before the clock
// starts, except what the measured code itself loads lazily (remark for the lessons merge).
import { createReadStream, readFileSync } from 'node:fs';

async function scan(file) {
  // The floor any Cobertura reader pays: read in 64 KiB chunks, count `<line ` elements.
  const needle = Buffer.from('<line ');
  let count = 0;
  let tail = Buffer.alloc(0);
  for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
    const buffer = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
    for (
      let at = buffer.indexOf(needle);
      at !== -1;
      at = buffer.indexOf(needle, at + needle.length)
    )
      count++;
    tail = Buffer.from(buffer.subarray(buffer.length - (needle.length - 1)));
  }
  return count;
}

async function report() {
  const { readCoverageReport } = await import('../../dist/coverage/index.js');
  return (file) => () => readCoverageReport(file).totals.statements;
}

const CASES = {
  scan: async () => (file) => () => scan(file),
  'json-parse': async () => (file) => () =>
    Object.keys(JSON.parse(readFileSync(file, 'utf8')).files).length,
  cobertura: report,
  coveragepy: report,
  'lessons-merge': async () => {
    const { mergeDocument } = await import('../../dist/merge/index.js');
    return (file, freshFile) => {
      const existing = readFileSync(file, 'utf8');
      const fresh = readFileSync(freshFile, 'utf8');
      return async () => {
        const merged = await mergeDocument({ path: file, existing, fresh });
        if (merged.content === null) throw new Error('the lessons file did not merge');
        return merged.diagnostics.length;
      };
    };
  },
};

const [name, file, fresh] = process.argv.slice(2);
const prepare = await CASES[name]();
const measured = prepare(file, fresh);
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
const result = await measured();
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(
  JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    result,
  }),
);
