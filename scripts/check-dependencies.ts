// `npm run deps:check`: what can be checked about the dependencies without the network. npm audit
// needs the registry's advisory service, which these machines cannot reach; where it is reachable,
// run `npm audit --omit=dev` (production dependencies) as well. This check holds offline:
//   - package-lock.json is present, lockfile version 3, and in step with package.json;
//   - every locked package with an install script has been reviewed: it is in package.json's
//     allowScripts (true to run it, false to refuse it), so no new install script runs unseen;
//   - no dependency comes from git, a tarball URL or a path outside the registry.
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
}
interface LockFile {
  lockfileVersion: number;
  packages: Record<string, { version?: string; resolved?: string; hasInstallScript?: boolean; link?: boolean; dependencies?: Record<string, string>; devDependencies?: Record<string, string> }>;
}

export function checkDependencies(pkg: PackageJson, lock: LockFile): string[] {
  const problems: string[] = [];
  if (lock.lockfileVersion !== 3) problems.push(`package-lock.json has lockfileVersion ${lock.lockfileVersion}; run npm install with npm 9 or later.`);
  const root = lock.packages[''] ?? {};
  for (const field of ['dependencies', 'devDependencies'] as const) {
    const declared = pkg[field] ?? {};
    const locked = root[field] ?? {};
    for (const [name, spec] of Object.entries(declared)) {
      if (locked[name] !== spec) problems.push(`${name}@${spec} in package.json ${field} is not in package-lock.json (run npm install).`);
      if (/^(git|github:|https?:|file:|link:)|\//.test(spec)) problems.push(`${name} comes from ${spec}, not the registry.`);
    }
    for (const name of Object.keys(locked)) {
      if (!(name in declared)) problems.push(`${name} is in package-lock.json ${field} but not in package.json (run npm install).`);
    }
  }
  const reviewed = pkg.allowScripts ?? {};
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || !entry.hasInstallScript) continue;
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (!(name in reviewed)) problems.push(`${name} has an install script that nobody reviewed: add it to allowScripts in package.json (true or false).`);
  }
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (entry.resolved && !entry.resolved.startsWith('https://registry.npmjs.org/')) problems.push(`${key} resolves to ${entry.resolved}, outside the npm registry.`);
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as PackageJson;
  const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as LockFile;
  const problems = checkDependencies(pkg, lock);
  for (const problem of problems) console.error(`deps:check: ${problem}`);
  if (problems.length === 0) {
    console.log(`deps:check: ${Object.keys(lock.packages).length - 1} locked packages, all from the registry, every install script reviewed.`);
    console.log('Advisories need the network: where the registry is reachable, run `npm audit --omit=dev`.');
  }
  process.exit(problems.length === 0 ? 0 : 1);
}
