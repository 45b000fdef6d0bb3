import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds dist/ once, only when src/ changed: end-to-end tests run bin/trackgen.js.
    // An empty HOME for the git that tests run, removed at the end (tests/helpers/git-repo.ts).
    globalSetup: ['tests/helpers/build-once.ts', 'tests/helpers/git-home.ts'],
    // End-to-end tests spawn the built CLI and real coverage.py; give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
