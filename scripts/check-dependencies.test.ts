import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDependencies } from './check-dependencies';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));

describe('the offline dependency check', () => {
  it('passes on the repository as committed', () => {
    expect(checkDependencies(pkg, lock)).toEqual([]);
  });

  it('names an unreviewed install script, a dependency out of step with the lock, and a git dependency', () => {
    const badLock = structuredClone(lock);
    badLock.packages['node_modules/some-native-addon'] = { version: '1.0.0', hasInstallScript: true };
    const badPkg = { ...pkg, dependencies: { ...pkg.dependencies, 'left-pad': 'github:someone/left-pad' } };
    const problems = checkDependencies(badPkg, badLock);
    expect(problems).toContainEqual(expect.stringContaining('some-native-addon has an install script that nobody reviewed'));
    expect(problems).toContainEqual(expect.stringContaining('left-pad@github:someone/left-pad in package.json dependencies is not in package-lock.json'));
    expect(problems).toContainEqual(expect.stringContaining('left-pad comes from github:someone/left-pad'));
  });
});
