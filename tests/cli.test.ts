import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

describe('trackgen CLI', () => {
  it('prints the version from package.json', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('shows help with the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: trackgen <command> [options]');
    expect(result.stdout).toContain('Exit codes: 0 ok, 1 problems found, 2 usage or tool error.');
  });

  it('rejects an unknown command with exit 2 and one line', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });

  it('shows help and exits 2 when called without a command', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: trackgen');
  });
});
