import { describe, expect, it } from 'vitest';
import { isInput, projectInputs, reportInputs } from '../../src/hook/inputs.js';

describe('which staged paths concern trackgen (the hook decides without the pipeline)', () => {
  it('uses the defaults without a config, relative to the project folder', () => {
    const project = projectInputs('tracking/', undefined, undefined);
    expect(project).toMatchObject({
      outDir: 'tracking/docs/',
      projectFile: 'tracking/data/project.json',
      understood: true,
    });
    expect(isInput('tracking/data/sessions/054.json', project.inputs)).toBe(true);
    expect(isInput('tracking/templates/phase-tracker.md.hbs', project.inputs)).toBe(true);
    expect(isInput('tracking/trackgen.config.json', project.inputs)).toBe(true);
    expect(isInput('tracking/docs/LESSONS_LEARNED.md', project.inputs)).toBe(false);
    expect(isInput('app/main.py', project.inputs)).toBe(false);
    expect(isInput('tracking/database/x.json', project.inputs)).toBe(false);
  });

  it('follows the config file, or the "trackgen" key of package.json', () => {
    const config = projectInputs(
      '',
      JSON.stringify({
        data: 'records',
        outDir: 'out',
        templates: 'tpl',
        coverageReport: ['../x.xml', 'reports/coverage.json'],
      }),
      undefined,
    );
    expect(config.inputs).toEqual([
      'trackgen.config.json',
      'package.json',
      'records/',
      'tpl/',
      '../x.xml',
      'reports/coverage.json',
    ]);
    expect(config.outDir).toBe('out/');
    const fromPackage = projectInputs(
      '',
      undefined,
      JSON.stringify({ name: 'x', trackgen: { data: 'records' } }),
    );
    expect(fromPackage.inputs).toContain('records/');
  });

  it('treats every staged path as an input when the config cannot be read', () => {
    expect(projectInputs('', '{ "data": ', undefined).understood).toBe(false);
    expect(projectInputs('', JSON.stringify({ data: '/abs/data' }), undefined).understood).toBe(
      false,
    );
    expect(projectInputs('', JSON.stringify({ data: 3 }), undefined).understood).toBe(true);
  });

  it("reads the report project.json names, relative to project.json's folder", () => {
    expect(
      reportInputs('data/project.json', JSON.stringify({ coverageReport: 'coverage.xml' })),
    ).toEqual(['data/coverage.xml']);
    expect(
      reportInputs('data/project.json', JSON.stringify({ coverageReport: ['../coverage.xml'] })),
    ).toEqual(['coverage.xml']);
    expect(reportInputs('data/project.json', undefined)).toEqual([]);
    expect(reportInputs('data/project.json', '{')).toBeUndefined();
  });
});
