import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeBlock,
  deltaPercent,
  mark,
  ordinal,
  ordinalWords,
  percent,
  plural,
  progress,
  ranges,
  recordedPercent,
  thousands,
} from '../../src/render/helpers.js';

describe('figure helpers', () => {
  it('formats percents by coverage.py’s display rule', () => {
    expect(percent(69.2158877939665)).toBe('69.22%');
    expect(percent(100)).toBe('100.00%');
    expect(percent(99.999)).toBe('99.99%');
    expect(percent(0.001)).toBe('0.01%');
    expect(percent(0)).toBe('0.00%');
    expect(percent(null)).toBe('n/a');
  });

  it('shows a recorded percent as measured, as an estimate, or as not recorded', () => {
    expect(recordedPercent(69.2158877939665, false)).toBe('69.22%');
    expect(recordedPercent(73, true)).toBe('~73% (estimated)');
    expect(recordedPercent(null, false)).toBe('not recorded');
  });

  it('signs deltas and never shows -0.00', () => {
    expect(deltaPercent(61.23)).toBe('+61.23%');
    expect(deltaPercent(-0.5)).toBe('-0.50%');
    expect(deltaPercent(-0.001)).toBe('+0.00%');
    expect(deltaPercent(1.7499999999)).toBe('+1.75%');
  });

  it('groups thousands exactly as en-US does, whatever the locale', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        (value) => thousands(value) === value.toLocaleString('en-US'),
      ),
    );
    expect(thousands(1234.567)).toBe('1,234.57');
  });

  it('groups line numbers into ranges', () => {
    expect(ranges([109, 110, 111, 170, 323, 340, 341])).toBe('109-111, 170, 323, 340-341');
    expect(ranges([5, 3, 4, 4])).toBe('3-5');
    expect(ranges([])).toBe('');
    expect(ranges(null)).toBe('n/a');
  });

  it('writes plurals, progress, ordinals and marks', () => {
    expect(plural(1, 'class')).toBe('1 class');
    expect(plural(16, 'class')).toBe('16 classes');
    expect(plural(3, 'partial branch', 'partial branches')).toBe('3 partial branches');
    expect(plural(2413, 'test')).toBe('2,413 tests');
    expect(progress(1, 4)).toBe('1/4 (25%)');
    expect(progress(0, 0)).toBe('0/0 (0%)');
    expect(ordinalWords(28)).toBe('twenty-eighth');
    expect(ordinalWords(30)).toBe('thirtieth');
    expect(ordinalWords(13)).toBe('thirteenth');
    expect(ordinalWords(101)).toBe('101st');
    expect([
      ordinal(1),
      ordinal(2),
      ordinal(3),
      ordinal(11),
      ordinal(12),
      ordinal(22),
      ordinal(113),
    ]).toEqual(['1st', '2nd', '3rd', '11th', '12th', '22nd', '113th']);
    expect([mark('complete'), mark('in-progress'), mark('planned'), mark('regressed')]).toEqual([
      '✅',
      '🚀',
      '⏳',
      '⚠️',
    ]);
  });
});

describe('code blocks', () => {
  it('fences code with more backticks than the code contains', () => {
    expect(codeBlock('print(1)\n', 'python')).toBe('```python\nprint(1)\n```');
    expect(codeBlock('x = """\n```\n"""', '')).toBe('````\nx = """\n```\n"""\n````');
  });
});

describe('date helper', () => {
  it('keeps ISO dates and spells them out on request', async () => {
    const { date } = await import('../../src/render/helpers.js');
    expect(date('2025-11-24')).toBe('2025-11-24');
    expect(date('2025-11-24', 'long')).toBe('November 24, 2025');
    expect(date(null)).toBe('n/a');
  });
});
