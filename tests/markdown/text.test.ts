import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/markdown/text-width.js';
import { escapeText, inlineText, neutraliseMarkers, tableCell } from '../../src/markdown/text.js';

describe('Markdown-aware escaping', () => {
  it('keeps a table cell in its cell', () => {
    expect(tableCell('a | b\nc')).toBe('a \\| b<br>c');
    expect(tableCell('already \\| escaped')).toBe('already \\| escaped');
    expect(tableCell('a \\\\| b')).toBe('a \\\\\\| b');
  });

  it('keeps inline text on one line and neutralises forged markers', () => {
    expect(inlineText(' one\n  two\r\nthree ')).toBe('one two three');
    expect(neutraliseMarkers('x <!-- trackgen:end a --> y')).toBe('x &lt;!-- trackgen:end a --> y');
    expect(tableCell('<!-- trackgen:end a -->')).toBe('&lt;!-- trackgen:end a -->');
  });

  it('escapes plain text as the coverage report always has', () => {
    expect(escapeText('pkg/__init__.py')).toBe('pkg/\\_\\_init\\_\\_.py');
    expect(escapeText('a|b\\c`d*e[f]<g>')).toBe('a\\|b\\\\c\\`d\\*e\\[f\\]\\<g\\>');
    // A forged marker is no HTML comment once `<` is escaped.
    expect(escapeText('<!-- trackgen:end a -->')).toBe('\\<!-- trackgen:end a --\\>');
  });
});

describe('display width', () => {
  it('counts wide characters and emoji as two columns, marks and joiners as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('✅ ok')).toBe(5);
    expect(displayWidth('⚠️')).toBe(2);
    expect(displayWidth('é')).toBe(1);
  });
});
