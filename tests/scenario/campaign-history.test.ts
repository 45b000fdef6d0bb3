import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from 'markdownlint/promise';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { scratchDirs } from '../helpers/project-copy.js';
import { runCli } from '../helpers/run-cli.js';
import { COMPLETED_IN, MODULES, writeProject, writeReport, writeSessions } from './campaign.js';

const scratch = scratchDirs('trackgen-campaign-');

function summaries(dir: string): Map<string, string> {
  const folder = join(dir, 'docs/sessions');
  return new Map(
    readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'utf8')] as const),
  );
}

const tracker = (dir: string) =>
  readFileSync(join(dir, 'docs/PHASE_2_PROGRESS_TRACKER.md'), 'utf8');

/** The card of one module in the tracker's Module Progress. */
function card(text: string, name: string): string {
  const start = text.indexOf(`: ${name} `, text.indexOf('## Module Progress'));
  return text.slice(start, text.indexOf('\n---', start));
}

describe('a fifteen-session campaign and reports placed in time', () => {
  it('a report older than most sessions: no false "regressed", one stale warning, past summaries frozen', async () => {
    const dir = scratch();
    writeProject(dir);
    writeSessions(dir);
    // Taken on the day of session 3: only m1 (completed in session 2) is at TRUE 100% in it.
    writeReport(dir, '2025-01-03', MODULES, new Set(['m1']));

    const first = await runCli(['generate'], dir);
    expect(first.code).toBe(0);
    expect(first.stderr).not.toMatch(/regressed/i);
    const stale = first.stderr.split('\n').filter((line) => line.includes('stale-report'));
    expect(stale).toHaveLength(1);
    expect(stale[0]).toContain('2025-01-03');
    expect(stale[0]).toContain('2025-01-15');
    const text = tracker(dir);
    expect(text).not.toMatch(/REGRESSED|regressed/);
    // Later sessions' modules show what their records say, not the old report's 50%.
    expect(card(text, 'm3.py')).toContain('✅ COMPLETE');
    expect(card(text, 'm3.py')).not.toContain('50.00%');
    // The tracker's overall figure is the latest session's, said as such.
    expect(text).toContain('**Overall Coverage**: 65.00% (as of 2025-01-15, recorded)');
    const before = summaries(dir);
    expect(before.size).toBe(15);

    // The Coverage Journey's chart and its table carry the same recorded figures.
    expect(text).toContain('```mermaid\nxychart-beta\n');
    expect(text).toContain('  line [51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65]');
    expect(text).toContain('  bar [4, 5, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 9, 9]');
    expect(text).toContain('| Session 15 | 2025-01-15 | 65.00%           | 9                    |');
    expect(await format(text, { parser: 'markdown' })).toBe(text);
    const results = await lint({
      strings: { tracker: text },
      config: { default: true, MD013: false, MD026: false },
    });
    expect(results['tracker']).toEqual([]);

    // One module more in the phase (inserted, not only appended) leaves every past summary alone.
    writeProject(dir, ['m1', 'm2', 'added', ...MODULES.slice(2), 'appended']);
    const second = await runCli(['generate'], dir);
    expect(second.code).toBe(0);
    const after = summaries(dir);
    for (const [name, content] of before) expect(after.get(name), name).toBe(content);
    expect(tracker(dir)).toContain('9 modules');
  });

  it('a report taken after every session: current, "as of" its date, no pending module complete', async () => {
    const dir = scratch();
    writeProject(dir);
    writeSessions(dir);
    // Twenty days later every module, m6 included, is at TRUE 100% in the report.
    writeReport(dir, '2025-02-04', MODULES, new Set(MODULES));
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/stale-report|regressed/);
    const text = tracker(dir);
    expect(text).toContain('(as of 2025-02-04)');
    const pending = MODULES.filter((id) => COMPLETED_IN[id] === undefined);
    expect(pending).toEqual(['m6', 'm7']);
    expect(card(text, 'm6.py')).toContain('IN PROGRESS');
    expect(card(text, 'm7.py')).toContain('NOT STARTED');
    for (const id of pending) {
      const shown = card(text, `${id}.py`);
      expect(shown).not.toMatch(/100\.00%|TRUE 100%|✅/);
      expect(text).not.toMatch(new RegExp(`\\d+\\. ${id}\\.py ✅`));
    }
    expect(result.stderr).toMatch(/unrecorded-complete .*m6\.py, m7\.py/);
  });
});
