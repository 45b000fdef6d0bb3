import { describe, expect, it } from 'vitest';
import { removeJsonValue, setJsonValue } from '../../src/data/edit-json.js';

describe('editing JSON by offsets', () => {
  it('replaces a value and nothing else', () => {
    expect(setJsonValue('{ "a" :  1 ,\n"b": [ 2 ] }', ['a'], 3.5)).toBe(
      '{ "a" :  3.5 ,\n"b": [ 2 ] }',
    );
  });

  it('inserts a key in the style of its neighbours', () => {
    expect(setJsonValue('{\n    "a": 1,\n    "b": 2\n}\n', ['c'], 3)).toBe(
      '{\n    "a": 1,\n    "b": 2,\n    "c": 3\n}\n',
    );
    expect(setJsonValue('{\n\t"a": 1\n}', ['c'], 3)).toBe('{\n\t"a": 1,\n\t"c": 3\n}');
    expect(setJsonValue('{ "a": 1 }', ['c'], { x: 1, y: [2] })).toBe(
      '{ "a": 1, "c": { "x": 1, "y": [2] } }',
    );
    expect(setJsonValue('{"a":1}', ['c'], 3)).toBe('{"a":1,"c":3}');
    expect(setJsonValue('{}', ['c'], 3)).toBe('{ "c": 3 }');
    expect(setJsonValue('{\r\n  "a": 1,\r\n  "z": 2\r\n}', ['m'], 3, { after: 'a' })).toBe(
      '{\r\n  "a": 1,\r\n  "m": 3,\r\n  "z": 2\r\n}',
    );
  });

  it('removes a key with its comma', () => {
    expect(removeJsonValue('{ "a": 1, "b": 2 }', ['b'])).toBe('{ "a": 1 }');
    expect(removeJsonValue('{ "a": 1 }', ['missing'])).toBe('{ "a": 1 }');
  });
});
