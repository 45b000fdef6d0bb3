import { describe, expect, it } from 'vitest';
import { commandLoaders, commandSummaries } from '../../src/cli/commands/index.js';
import { runCli } from '../helpers/run-cli.js';

describe('help of the workflow commands', () => {
  for (const name of ['init', 'new-session', 'record-coverage', 'generate']) {
    it(`trackgen ${name} --help documents every option the command accepts`, async () => {
      const load = commandLoaders[name];
      if (load === undefined) throw new Error(`no command ${name}`);
      const command = await load();
      const result = await runCli([name, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${command.help}\n`);
      for (const option of Object.keys(command.options))
        expect(command.help, option).toMatch(new RegExp(`--${option}\\b`));
      expect(command.summary).toBe(commandSummaries[name]);
      expect((await runCli(['--help'])).stdout).toContain(`  ${name} `);
    });
  }
});
