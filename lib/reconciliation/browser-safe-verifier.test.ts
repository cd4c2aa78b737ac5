// The verification half of lib/reconciliation must run where lib/proof runs (the browser /verify
// page, the offline verifier): from the verifier's entry point, every module it reaches imports no
// Node built-in and only the packages the proof core allows (lib/offline-verifier/bundle-proof-core.ts).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROOF_CORE_PACKAGES } from '../offline-verifier/bundle-proof-core';

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^(?:import|export)\s[^'"]*?from\s+'([^']+)'|^import\s+'([^']+)'/gm)]
    .filter((m) => !/^(?:import|export)\s+type\s/.test(m[0]))
    .map((m) => m[1] ?? m[2]);
}

function reachable(entry: string): { modules: string[]; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) visit(`${resolve(dirname(file), specifier)}.ts`);
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { modules: [...seen], packages: [...packages] };
}

describe('the reconciliation verifier is browser-safe', () => {
  for (const entry of [
    'verify-reconciliation-proof.ts',
    'reconciliation-proof-schema.ts',
    'statement-reader.ts',
    'commit-row.ts',
    'statement-typed-data.ts',
    'recover-statement-signer.ts',
    'sign-statement-sign-off.ts',
    'hash-objections.ts',
    'read-reconciliation-day.ts',
    'reconciliation-certificate.ts',
    'verify-reconciliation-certificate.ts',
    'side-receipt.ts',
    // The bank's side of blind mode (§14): a page could blind a statement in the browser.
    'blind-carrier.ts',
    'blind-statement.ts',
  ]) {
    it(`${entry} reaches no Node built-in and only proof-core packages`, () => {
      const { modules, packages } = reachable(resolve(import.meta.dirname, entry));
      expect(modules.length).toBeGreaterThan(1);
      for (const name of packages) {
        expect(name.startsWith('node:'), `${entry} reaches ${name}`).toBe(false);
        expect(PROOF_CORE_PACKAGES.some((allowed) => name === allowed || name.startsWith(`${allowed}/`)), `${entry} reaches ${name}`).toBe(true);
      }
    });
  }

  it('the walk does see Node built-ins where they are (the ingest side)', () => {
    expect(reachable(resolve(import.meta.dirname, 'commit-side.ts')).packages).toEqual(expect.arrayContaining(['node:fs', 'node:fs/promises']));
  });
});
