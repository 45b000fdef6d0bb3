import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../src/config/load.js';
import { scratchDirs } from '../helpers/project-copy.js';

const emptyDir = scratchDirs('trackgen-config-');
function scratch(files: Record<string, string>): string {
  const dir = emptyDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('settings: defaults < config file < flags', () => {
  it('uses the defaults without a config', () => {
    const dir = scratch({});
    const { settings } = loadSettings(dir, {});
    expect(settings).toMatchObject({
      dataDir: join(dir, 'data'),
      outDir: join(dir, 'docs'),
      templatesDir: undefined,
      configFile: undefined,
    });
    expect(settings?.outputs.tracker).toBe('PHASE_{phase}_PROGRESS_TRACKER.md');
  });

  it('reads trackgen.config.json, and flags override it', () => {
    const dir = scratch({
      'trackgen.config.json':
        '{ "data": "records", "outDir": "out", "outputs": { "lessons": "LESSONS.md" } }',
    });
    expect(loadSettings(dir, {}).settings).toMatchObject({
      dataDir: join(dir, 'records'),
      outDir: join(dir, 'out'),
      outputs: { lessons: 'LESSONS.md', tracker: 'PHASE_{phase}_PROGRESS_TRACKER.md' },
    });
    expect(loadSettings(dir, { out: 'elsewhere' }).settings?.outDir).toBe(join(dir, 'elsewhere'));
  });

  it('reads the "trackgen" key of package.json when there is no config file', () => {
    const dir = scratch({
      'package.json': '{ "name": "x", "trackgen": { "outDir": "documentation" } }',
    });
    expect(loadSettings(dir, {}).settings?.outDir).toBe(join(dir, 'documentation'));
  });

  it('reports a mistake in the config with its position and a hint', () => {
    const dir = scratch({
      'package.json': '{\n  "name": "x",\n  "trackgen": { "outdir": "documentation" }\n}\n',
    });
    const { settings, diagnostics } = loadSettings(dir, {});
    expect(settings).toBeUndefined();
    expect(
      diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`),
    ).toEqual([
      'package.json:3:17 unknown-key trackgen.outdir: unknown key, did you mean "outDir"?',
    ]);
  });
});
