// The proof core bundles for a browser on its own and verifies a certificate there: the bundle runs
// in a bare JavaScript context (no require, no process, no Buffer) on the published vectors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleProofCore } from './bundle-proof-core';

const root = path.resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'proof-core-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function entry(name: string, source: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, source);
  return file;
}

describe('the browser bundle of the proof core', () => {
  it('holds only lib/proof, the reconciliation verifier and their allowed packages', async () => {
    const { inputs, code } = await bundleProofCore();
    const own = inputs.filter((input) => !input.startsWith('node_modules/'));
    expect(own.length).toBeGreaterThan(20);
    const reconciliation = own.filter((input) => input.startsWith('lib/reconciliation/'));
    expect(own.filter((input) => !input.startsWith('lib/proof/') && !input.startsWith('lib/reconciliation/'))).toEqual([]);
    expect(reconciliation).toContain('lib/reconciliation/verify-reconciliation-certificate.ts');
    // The verification half only: nothing that reads statements from disk or commits sides.
    expect(reconciliation.filter((input) => /commit-side|side-files|side-tree|mint-/.test(input))).toEqual([]);
    expect(code).not.toMatch(/require\(["'](node:)?(fs|crypto|path|buffer|stream)["']\)/);
  });

  it('gives every published vector its expected result, without Node', async () => {
    const { code } = await bundleProofCore({
      globalName: 'EvidentProof',
      entry: entry(
        'entry.ts',
        `export * from '${path.join(root, 'lib/proof/index.ts')}';\n` +
          `export { inMemoryAnchorLookup } from '${path.join(root, 'lib/proof/__fixtures__/in-memory-anchor-lookup.ts')}';\n`,
      ),
    });
    const manifest = JSON.parse(readFileSync(path.join(root, 'docs/vectors/certificate-vectors.json'), 'utf8'));
    const read = (file: string) => readFileSync(path.join(root, 'docs/vectors', file), 'utf8');
    const context = vm.createContext({ TextEncoder, TextDecoder, URL, atob, btoa, crypto: crossRealmCrypto(), setTimeout, clearTimeout, console });
    // As in a browser, the global object is also `self` (ethers looks for it).
    vm.runInContext('globalThis.self = globalThis;', context);
    vm.runInContext(code, context);
    expect(vm.runInContext('typeof require + typeof process + typeof Buffer', context)).toBe('undefinedundefinedundefined');
    const run = vm.runInContext(
      `(async (text, manifestText, fileAscii) => {
         const manifest = JSON.parse(manifestText);
         const report = await EvidentProof.verifyCertificate({
           certificate: text,
           fileSha256: fileAscii === null ? undefined : new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(fileAscii))),
           chain: EvidentProof.inMemoryAnchorLookup(manifest.chain),
           trustedIssuers: manifest.trustedIssuers,
           trustedTsaRoots: manifest.trustedTsaRoots.map((root) => Uint8Array.from(atob(root), (c) => c.charCodeAt(0))),
           revocation: async (serial) => manifest.revocations.find((r) => r.serial === serial) ?? { revoked: false },
         });
         return JSON.stringify({ valid: report.valid, failed: report.checks.filter((c) => c.status === 'fail').map((c) => c.id) });
       })`,
      context,
    );
    // Every published vector, format versions 1 to 3: the browser bundle agrees with the core's run
    // of them (lib/proof/certificate-vectors.test.ts), which the CLI and the API call as they are.
    const cases = manifest.cases as Array<{ file: string; fileContentAscii: string | null; expectedFailures: string[] }>;
    expect(cases.length).toBeGreaterThan(60);
    for (const c of cases) {
      const outcome = JSON.parse(await run(read(c.file), JSON.stringify(manifest), c.fileContentAscii));
      expect(outcome, c.file).toEqual({ valid: c.expectedFailures.length === 0, failed: c.expectedFailures });
    }
  });

  it('gives every reconciliation certificate vector its expected result, without Node', async () => {
    const { code } = await bundleProofCore({ globalName: 'EvidentProof' });
    const directory = path.join(root, 'docs/vectors/reconciliation');
    const manifest = JSON.parse(readFileSync(path.join(directory, 'certificates.json'), 'utf8'));
    const context = vm.createContext({ TextEncoder, TextDecoder, URL, atob, btoa, crypto: crossRealmCrypto(), setTimeout, clearTimeout, console });
    vm.runInContext('globalThis.self = globalThis;', context);
    vm.runInContext(code, context);
    const run = vm.runInContext(
      `(async (text, trustedIssuers) => {
         const report = await EvidentProof.verifyCertificate({ certificate: text, trustedIssuers });
         return JSON.stringify(Object.fromEntries(report.checks.filter((c) => c.status === 'fail').map((c) => [c.id, c.code])));
       })`,
      context,
    );
    const cases = manifest.cases as Array<{ file: string; failures: Record<string, string> }>;
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) {
      expect(JSON.parse(await run(readFileSync(path.join(directory, c.file), 'utf8'), manifest.trustedIssuers)), c.file).toEqual(c.failures);
    }
  });

  it('refuses a bundle that reaches into Node', async () => {
    const builtin = entry('builtin.ts', `import { createHash } from 'node:crypto';\nexport const h = createHash;\n`);
    await expect(bundleProofCore({ entry: builtin })).rejects.toThrow(/imports the Node built-in node:crypto/);
  });
});

/** Node's WebCrypto for the vm context. A browser has one realm; here the bundle's typed arrays come
 * from the vm's realm, which Node's SubtleCrypto refuses, so their bytes are copied across. */
function crossRealmCrypto(): Crypto {
  const outer = globalThis.crypto;
  const bytes = (value: unknown) =>
    ArrayBuffer.isView(value)
      ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice()
      : Object.prototype.toString.call(value) === '[object ArrayBuffer]'
        ? new Uint8Array(value as ArrayBuffer).slice()
        : value;
  const subtle = new Proxy(outer.subtle, {
    get: (target, key) => {
      const member = Reflect.get(target, key, target);
      return typeof member === 'function' ? (...args: unknown[]) => member.apply(target, args.map(bytes)) : member;
    },
  });
  return { subtle, getRandomValues: outer.getRandomValues.bind(outer), randomUUID: outer.randomUUID.bind(outer) } as Crypto;
}
