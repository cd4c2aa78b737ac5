import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTrustedTsaRoots } from './load-trusted-tsa-roots';
import { toPem } from '../proof/pem';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'evident-tsa-roots-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const configured = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]);
const embedded = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x02]);

describe('loadTrustedTsaRoots', () => {
  it('trusts TSA_CA_CERTS, else the embedded TSA root once it exists, else nothing', () => {
    expect(loadTrustedTsaRoots({ dataDir })).toBeUndefined();
    mkdirSync(path.join(dataDir, 'tsa'));
    writeFileSync(path.join(dataDir, 'tsa', 'root.pem'), toPem('CERTIFICATE', embedded));
    expect(loadTrustedTsaRoots({ dataDir })).toEqual([embedded]);
    expect(loadTrustedTsaRoots({ dataDir, tsaCaCerts: toPem('CERTIFICATE', configured) })).toEqual([configured]);
    const file = path.join(dataDir, 'roots.pem');
    writeFileSync(file, `a comment\n${toPem('CERTIFICATE', configured)}${toPem('CERTIFICATE', embedded)}`);
    expect(loadTrustedTsaRoots({ dataDir, tsaCaCerts: file })).toEqual([configured, embedded]);
    expect(() => loadTrustedTsaRoots({ dataDir, tsaCaCerts: '-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----' })).toThrow(/TSA_CA_CERTS: no PEM CERTIFICATE/);
  });
});
