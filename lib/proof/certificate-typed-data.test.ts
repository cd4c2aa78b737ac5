// Checks the EIP-712 encoding against the hand-computed hashes in docs/vectors (written by a separate
// encoder in lib/proof/__fixtures__/generate-certificate-vectors.ts), and that it covers every field.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { id, TypedDataEncoder } from 'ethers';
import { describe, expect, it } from 'vitest';
import manifest from '../../docs/vectors/certificate-vectors.json';
import { parseCertificate, type Certificate } from './certificate-schema';
import { CERTIFICATE_EIP712_DOMAIN, CERTIFICATE_EIP712_TYPES, CERTIFICATE_V3_EIP712_TYPES, certificateTypedData } from './certificate-typed-data';

const validText = readFileSync(path.resolve(__dirname, '../../docs/vectors/valid.certificate.json'), 'utf8');
const valid = (): Certificate => parseCertificate(validText);
const digestOf = (certificate: Certificate) => {
  const { domain, types, value } = certificateTypedData(certificate);
  return TypedDataEncoder.hash(domain, types, value);
};

describe('certificateTypedData', () => {
  const { signing } = manifest;

  it('has the documented domain and type string', () => {
    expect(CERTIFICATE_EIP712_DOMAIN).toEqual(signing.domain);
    expect(TypedDataEncoder.hashDomain(CERTIFICATE_EIP712_DOMAIN)).toBe(signing.domainSeparator);
    const encoder = TypedDataEncoder.from(certificateTypedData(valid()).types);
    expect(encoder.primaryType).toBe('Certificate');
    expect(encoder.encodeType('Certificate')).toBe(signing.certificateType);
    expect(id(signing.certificateType)).toBe(signing.certificateTypeHash);
  });

  it('encodes the valid vector field by field as the independent encoder did', () => {
    const { types, value } = certificateTypedData(valid());
    const encoded = TypedDataEncoder.from(types).encodeData('Certificate', value);
    const words = encoded.slice(2).match(/.{64}/g)!.map((word) => `0x${word}`);
    expect(words[0]).toBe(signing.certificateTypeHash);
    expect(words.slice(1)).toEqual(signing.validCertificate.encodedFields.map((field) => field.encoded));
    expect(CERTIFICATE_EIP712_TYPES.Certificate.map(({ name, type }) => ({ name, type }))).toEqual(
      signing.validCertificate.encodedFields.map(({ name, type }) => ({ name, type })),
    );
  });

  it('reproduces the struct hash and the digest of the valid vector', () => {
    const { domain, types, value } = certificateTypedData(valid());
    expect(TypedDataEncoder.hashStruct('Certificate', types, value)).toBe(signing.validCertificate.structHash);
    expect(TypedDataEncoder.hash(domain, types, value)).toBe(signing.validCertificate.digest);
  });

  it('has one struct field per certificate field, apart from format, version and the signature itself', () => {
    const fields = leafPaths(valid(), '').filter((p) => !['format', 'version'].includes(p) && !p.startsWith('signature'));
    const arraysAsOne = new Set(fields.map((p) => p.replace(/\[\d+\]$/, '')));
    expect(arraysAsOne.size).toBe(CERTIFICATE_EIP712_TYPES.Certificate.length);
  });

  it.each(
    leafPaths(valid(), '')
      .filter((p) => !['format', 'version', 'proof.algorithm'].includes(p) && !p.startsWith('signature'))
      .map((p) => [p]),
  )('changes the digest when %s changes', (fieldPath) => {
    const changed = valid();
    const { parent, key } = locate(changed, fieldPath);
    parent[key] = tweak(parent[key]);
    expect(parseCertificate(changed)).toEqual(changed);
    expect(digestOf(changed)).not.toBe(digestOf(valid()));
  });

  it('signs a version 2 timestamp: token and TSA certificates change the digest, version 1 keeps its type', () => {
    const v2 = (token: string, certificates: string[]): Certificate =>
      parseCertificate({ ...valid(), version: 2, timestamp: { token, certificates } });
    const base = v2('MIIBAA==', ['MIIBAQ==', 'MIIBAg==']);
    const digests = [
      digestOf(valid()),
      digestOf(base),
      digestOf(v2('MIIBAw==', ['MIIBAQ==', 'MIIBAg=='])),
      digestOf(v2('MIIBAA==', ['MIIBAQ=='])),
      digestOf(v2('MIIBAA==', ['MIIBAg==', 'MIIBAQ=='])),
    ];
    expect(new Set(digests).size).toBe(digests.length);
    expect(TypedDataEncoder.from(certificateTypedData(base).types).encodeType('Certificate')).toBe(
      `${signing.certificateType.slice(0, -1)},bytes timestampToken,bytes[] timestampCertificates)`,
    );
    expect(() => parseCertificate({ ...valid(), timestamp: base.timestamp })).toThrow(/timestamp: is not a field of certificate format version 1/);
    expect(() => parseCertificate({ ...valid(), version: 2 })).toThrow(/timestamp: is missing/);
    expect(() => v2('MIIBAB==', ['MIIBAQ=='])).toThrow(/timestamp.token: expected canonical base64/);
  });

  it('changes the digest when a proof element is added or removed', () => {
    const longer = valid();
    longer.proof.path.push(longer.proof.root);
    const shorter = valid();
    shorter.proof.path.pop();
    expect(new Set([digestOf(valid()), digestOf(longer), digestOf(shorter)]).size).toBe(3);
  });
});

describe('certificateTypedData, format version 3', () => {
  const { signing } = manifest;
  const v3Text = readFileSync(path.resolve(__dirname, '../../docs/vectors/valid.v3.certificate.json'), 'utf8');
  const v3 = (): Certificate => parseCertificate(v3Text);

  it('encodes valid.v3 field by field, struct hash and digest, as the independent encoder did', () => {
    const { domain, types, value } = certificateTypedData(v3());
    const encoder = TypedDataEncoder.from(types);
    expect(encoder.encodeType('Certificate')).toBe(signing.certificateV3Type);
    expect(id(signing.certificateV3Type)).toBe(signing.certificateV3TypeHash);
    const words = encoder.encodeData('Certificate', value).slice(2).match(/.{64}/g)!.map((word) => `0x${word}`);
    expect(words[0]).toBe(signing.certificateV3TypeHash);
    expect(words.slice(1)).toEqual(signing.validV3Certificate.encodedFields.map((field) => field.encoded));
    expect(CERTIFICATE_V3_EIP712_TYPES.Certificate.map(({ name, type }) => ({ name, type }))).toEqual(
      signing.validV3Certificate.encodedFields.map(({ name, type }) => ({ name, type })),
    );
    expect(TypedDataEncoder.hash(domain, types, value)).toBe(signing.validV3Certificate.digest);
  });

  it.each(
    leafPaths(v3(), '')
      .filter((p) => p.startsWith('subject') || p.startsWith('provenance'))
      .map((p) => [p]),
  )('changes the digest when %s changes', (fieldPath) => {
    const changed = v3();
    const { parent, key } = locate(changed, fieldPath);
    parent[key] = fieldPath === 'provenance.channel' ? 'portal' : fieldPath === 'subject.evidenceType' ? 'notice' : tweak(parent[key]);
    expect(parseCertificate(changed)).toEqual(changed);
    expect(digestOf(changed)).not.toBe(digestOf(v3()));
  });

  it.each([
    'subject.organization',
    'subject.title',
    'subject.evidenceType',
    'subject.loanReference',
    'subject.borrower',
    'subject.borrower.identifierHint',
    'provenance.source',
  ])('changes the digest when %s becomes null', (fieldPath) => {
    const nulled = v3();
    const { parent, key } = locate(nulled, fieldPath);
    parent[key] = null;
    expect(parseCertificate(nulled)).toEqual(nulled);
    expect(digestOf(nulled)).not.toBe(digestOf(v3()));
  });

  it('signs null as the empty string and adds nothing for an absent timestamp', () => {
    const certificate = v3();
    certificate.subject = { organization: null, title: null, evidenceType: null, loanReference: null, borrower: null };
    certificate.provenance = { channel: 'system', source: null };
    const { value } = certificateTypedData(certificate);
    expect(value).toMatchObject({ organizationName: '', title: '', borrowerName: '', borrowerIdentifierHint: '', sourceNote: '', timestampToken: '0x', timestampCertificates: [] });
  });
});

function leafPaths(value: unknown, prefix: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leafPaths(item, `${prefix}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => leafPaths(item, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

function locate(root: unknown, fieldPath: string): { parent: any; key: string | number } {
  const segments = fieldPath.match(/[^.[\]]+/g)!.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let parent: any = root;
  for (const segment of segments.slice(0, -1)) parent = parent[segment];
  return { parent, key: segments[segments.length - 1] };
}

// Another value of the same kind, so that the certificate stays well-formed.
function tweak(value: unknown): unknown {
  if (typeof value === 'number') return value + 1;
  const text = value as string;
  if (/^[0-9]+$/.test(text)) return (BigInt(text) + 1n).toString();
  if (text.endsWith('Z')) return `${tweak(text.slice(0, -1))}Z`;
  const last = text.at(-1)!;
  const replacement = /[0-9]/.test(last) ? String((Number(last) + 1) % 10) : /[a-f]/.test(last) ? (last === 'a' ? 'b' : 'a') : last === 'X' ? 'Y' : 'X';
  return text.slice(0, -1) + replacement;
}
