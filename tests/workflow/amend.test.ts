import { describe, expect, it } from 'vitest';
import { gitCommitArguments, isAmending } from '../../src/git/amend.js';

describe('telling git commit --amend from the command line of the git that runs the hook', () => {
  it('finds the arguments after "commit" of a git command line, whatever git is called', () => {
    expect(gitCommitArguments(['git', 'commit', '--amend', '--no-edit'])).toEqual([
      '--amend',
      '--no-edit',
    ]);
    expect(gitCommitArguments(['/usr/bin/git', '-c', 'a=b', 'commit', '-m', 'x'])).toEqual([
      '-m',
      'x',
    ]);
    expect(gitCommitArguments(['C:\\Git\\bin\\git.exe', 'commit'])).toEqual([]);
    expect(gitCommitArguments(['node', 'commit', '--amend'])).toBeUndefined();
    expect(gitCommitArguments(['git', 'merge', '--continue'])).toBeUndefined();
  });

  it('is false when no git commit started this process', async () => {
    expect(await isAmending()).toBe(false);
    expect(await isAmending(999_999_999)).toBe(false);
  });
});
