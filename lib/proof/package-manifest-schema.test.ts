// What a verifier requires of manifest.json (docs/proof-format.md §14, "Reading the manifest"): the
// members the checks read, in their forms, per version; everything else is ignored.
import { describe, expect, it } from 'vitest';
import { parsePackageManifest } from './package-manifest-schema';

const hash = (byte: string) => `0x${byte.repeat(32)}`;

function manifestV2(): Record<string, unknown> {
  return {
    format: 'evident.evidence-package',
    version: 2,
    asOf: '2026-12-01T08:00:00.000Z',
    issuer: { name: 'Evident', address: '0x' + '1a'.repeat(20) },
    case: { id: 'c1', caseNumber: 'GZAC-2026-0001', title: '借款合同纠纷' },
    items: [
      {
        position: 1,
        evidenceId: 'e1',
        kind: 'file',
        title: '借款合同',
        fileName: 'contract.pdf',
        sha256: hash('01'),
        original: 'originals/001-contract.pdf',
        certificate: { serial: 'EV-1', json: 'certificates/001-EV-1.json', jsonSha256: hash('02'), pdf: 'certificates/001-EV-1.pdf', pdfSha256: hash('03') },
        provenance: { channel: 'portal' },
      },
      { position: 2, evidenceId: 'e2', title: null, fileName: 'hash-only', sha256: hash('04'), original: null, certificate: null },
    ],
    report: { json: 'report/r.json', jsonSha256: hash('05'), pdf: 'report/r.pdf', pdfSha256: hash('06') },
    readme: { path: 'README.txt', sha256: hash('07') },
    verifier: { path: 'verify.html', sha256: hash('08') },
  };
}

const bytesOf = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

function edited(edit: (manifest: Record<string, any>) => void): Uint8Array {
  const manifest = manifestV2();
  edit(manifest);
  return bytesOf(manifest);
}

describe('parsePackageManifest', () => {
  it('reads a version 2 manifest: every item, the report, the README and the verifier with their digests', () => {
    const result = parsePackageManifest(bytesOf(manifestV2()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.manifest.items.map((item) => item.certificate?.jsonSha256 ?? null)).toEqual([hash('02'), null]);
    expect(result.manifest.readme).toEqual({ path: 'README.txt', sha256: hash('07') });
    expect(result.manifest.report?.pdfSha256).toBe(hash('06'));
  });

  it('reads a version 1 manifest, whose files are named by path only', () => {
    const result = parsePackageManifest(
      edited((manifest) => {
        manifest.version = 1;
        delete manifest.items[0].certificate.jsonSha256;
        delete manifest.items[0].certificate.pdfSha256;
        manifest.report = { json: 'report/r.json', pdf: 'report/r.pdf' };
        delete manifest.readme;
        delete manifest.verifier;
      }),
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect([result.manifest.readme, result.manifest.items[0].certificate?.jsonSha256]).toEqual([undefined, undefined]);
  });

  it('ignores members it does not read', () => {
    expect(parsePackageManifest(edited((manifest) => (manifest.note = 'added by the issuer'))).ok).toBe(true);
  });

  it.each([
    ['the items are missing', (m: Record<string, any>) => delete m.items],
    ['an item has an upper-case SHA-256', (m: Record<string, any>) => (m.items[0].sha256 = hash('AB'))],
    ['a version 2 certificate has no digest of its JSON', (m: Record<string, any>) => delete m.items[0].certificate.jsonSha256],
    ['a version 2 manifest does not cover the README', (m: Record<string, any>) => delete m.readme],
    ['the version is unknown', (m: Record<string, any>) => (m.version = 3)],
    ['the format is another', (m: Record<string, any>) => (m.format = 'evident.something-else')],
    ['a position is not a whole number', (m: Record<string, any>) => (m.items[0].position = 1.5)],
    ['the issuer address is not one', (m: Record<string, any>) => (m.issuer.address = 'evident')],
  ])('refuses a manifest where %s', (_, edit) => {
    expect(parsePackageManifest(edited(edit))).toMatchObject({ ok: false, code: 'package.manifest-malformed' });
  });

  it('refuses a duplicate key and bytes that are not UTF-8, as the rest of the package', () => {
    const duplicate = new TextEncoder().encode('{"format": "evident.evidence-package", "format": "evident.evidence-package"}');
    expect(parsePackageManifest(duplicate)).toMatchObject({ ok: false, code: 'package.manifest-malformed' });
    expect(parsePackageManifest(new Uint8Array([0x7b, 0xff, 0x7d]))).toMatchObject({ ok: false, code: 'package.manifest-malformed' });
  });
});
