// The architecture as rules a tool checks (`npm run lint:architecture`). src/ is split by stage;
// a stage may import the stages below it, never one above, so each stage reads without the ones
// that use it. Order, lowest first (folders on one line are siblings and may not import each other):
const LAYERS = [
  ['diagnostic-rules'], // the registry of rule ids and severities
  ['text', 'markdown', 'diagnostics', 'exit-codes'], // small pure helpers every stage may use
  ['fs', 'diagnostic-lines'], // reading a file or nothing; diagnostics as printed lines
  ['data'], // load and validate the records (the schema lives here)
  ['config'], // settings: validated like the data
  ['coverage', 'test-results'], // read coverage reports, pytest's results, into typed facts
  ['git'], // git history and the one git runner
  ['model'], // the view model (pure)
  ['render'], // Handlebars templates (pure)
  ['merge'], // merge a rendering into a document (pure)
  ['write'], // atomic writes, diffs (I/O)
  ['pipeline'], // the stages in order, and the run cache wrapped around them
  ['init', 'session', 'record', 'watch', 'hook', 'import'], // workflows built on the pipeline
  ['cli'], // the thin command-line layer
];

const folder = (name) => `^src/${name}(/|\\.ts$)`;
const layerRules = LAYERS.flatMap((names, rank) =>
  names.flatMap((name) => {
    const banned = [...names.filter((other) => other !== name), ...LAYERS.slice(rank + 1).flat()];
    if (banned.length === 0) return [];
    return {
      name: `layer-${name}`,
      comment: `src/${name} may import only stages below it (not ${banned.join(', ')})`,
      severity: 'error',
      from: { path: folder(name) },
      to: { path: banned.map(folder) },
    };
  }),
);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle means neither module can be read (or loaded) without the other.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'hook-not-cli',
      comment: 'hook/ returns what to print and the exit code; the CLI prints it.',
      severity: 'error',
      from: { path: '^src/hook/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'commands-read-alone',
      comment: 'No command imports another: shared flags and printers have modules of their own.',
      severity: 'error',
      from: { path: '^src/cli/commands/(?!index\\.ts$)' },
      to: { path: '^src/cli/commands/' },
    },
    {
      name: 'src-not-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tests|bench|scripts)/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
