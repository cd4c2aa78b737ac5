import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_SERIAL_PATTERN, CertificateFormatError, certificateFileName, parseCertificate } from './certificate-schema';

const validText = readFileSync(path.resolve(__dirname, '../../docs/vectors/valid.certificate.json'), 'utf8');
const valid = () => JSON.parse(validText) as Record<string, any>;

function issuesOf(input: unknown) {
  try {
    parseCertificate(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CertificateFormatError);
    return (error as CertificateFormatError).issues;
  }
  throw new Error('expected the certificate to be rejected');
}

describe('parseCertificate', () => {
  it('accepts the valid vector, as an object or as JSON text', () => {
    expect(parseCertificate(valid())).toEqual(valid());
    expect(parseCertificate(validText)).toEqual(valid());
  });

  it('accepts a certificate without signature, which the verifier then fails on the signature check', () => {
    const { signature: _, ...unsigned } = valid();
    expect(parseCertificate(unsigned)).toEqual(unsigned);
    expect(parseCertificate(unsigned)).not.toHaveProperty('signature');
  });

  it('refuses a duplicate key anywhere in the text, naming its path (a forged first, genuine second)', () => {
    const forged = validText.replace('"evidence": {', '"evidence": {"id": "00000000-0000-4000-8000-000000000000", "fileName": "forged.pdf"},\n  "evidence": {');
    expect(forged).not.toBe(validText);
    expect(issuesOf(forged)).toEqual([{ path: 'evidence', message: 'duplicate key "evidence"' }]);
    const twice = validText.replace('"fileName": ', '"fileName": "forged.pdf", "fileName": ');
    expect(issuesOf(twice)).toEqual([{ path: 'evidence.fileName', message: 'duplicate key "fileName"' }]);
    expect(issuesOf(validText.replace('"signature": {', '"signature": {"scheme": "eip712", '))).toEqual([
      { path: 'signature.scheme', message: 'duplicate key "scheme"' },
    ]);
  });

  it('holds the integers to plain digits in the text', () => {
    for (const [field, spelling] of [['"version": 1', '"version": 1.0'], ['"size": ', '"size": -0'], ['"treeSize": ', '"treeSize": 1e0']] as const) {
      const text = field.endsWith(': ') ? validText.replace(new RegExp(`${field}(\\d+)`), `${spelling}`) : validText.replace(field, spelling);
      expect(text).not.toBe(validText);
      expect(issuesOf(text)[0]!.message).toMatch(/^expected an integer written as plain decimal digits/);
    }
  });

  it('pins fileName and mediaType to non-empty, and counts issuer.name in code points', () => {
    expect(issuesOf({ ...valid(), evidence: { ...valid().evidence, fileName: '' } })).toEqual([{ path: 'evidence.fileName', message: 'expected a non-empty string' }]);
    expect(issuesOf({ ...valid(), evidence: { ...valid().evidence, mediaType: '' } })).toEqual([{ path: 'evidence.mediaType', message: 'expected a non-empty string' }]);
    // 200 characters outside the BMP are 400 UTF-16 code units, and still 200 code points.
    expect(() => parseCertificate({ ...valid(), issuer: { ...valid().issuer, name: '𠀀'.repeat(200) } })).not.toThrow();
    expect(issuesOf({ ...valid(), issuer: { ...valid().issuer, name: '𠀀'.repeat(201) } })[0]!.path).toBe('issuer.name');
  });

  it('reads a file that starts with a UTF-8 byte-order mark', () => {
    expect(parseCertificate(`\uFEFF${validText}`)).toEqual(valid());
  });

  it('holds the signature to one scheme and exactly 65 bytes', () => {
    const { value } = valid().signature;
    expect(issuesOf({ ...valid(), signature: 'abc' })).toEqual([{ path: 'signature', message: 'expected an object' }]);
    expect(issuesOf({ ...valid(), signature: { scheme: 'eip712' } })).toEqual([{ path: 'signature.value', message: 'is missing' }]);
    expect(issuesOf({ ...valid(), signature: { scheme: 'eip712', value, by: 'me' } })).toEqual([
      { path: 'signature.by', message: 'is not a field of certificate format version 1' },
    ]);
    expect(issuesOf({ ...valid(), signature: { scheme: 'eip712', value: `${value}00` } })).toEqual([
      { path: 'signature.value', message: 'expected 0x-prefixed 65-byte hex' },
    ]);
  });

  it('names the field path in the message', () => {
    const c = valid();
    c.proof.path = [c.proof.path[0], c.proof.path[1], '0x1234'];
    expect(() => parseCertificate(c)).toThrow('proof.path[2]: expected 0x-prefixed 32-byte hex');
  });

  it.each([
    ['format', (c: any) => (c.format = 'other'), 'expected "evident.certificate"'],
    ['version', (c: any) => (c.version = 4), 'expected 1, 2 or 3 (this verifier reads certificate format versions 1 to 3)'],
    ['evidence.id', (c: any) => (c.evidence.id = 'not-a-uuid'), 'expected a lowercase UUID (8-4-4-4-12 hex digits)'],
    ['evidence.sequence', (c: any) => (c.evidence.sequence = '007'), 'expected a decimal string of an unsigned 64-bit integer'],
    ['evidence.sequence', (c: any) => (c.evidence.sequence = '18446744073709551616'), 'expected a decimal string of an unsigned 64-bit integer (at most 2^64 - 1)'],
    ['evidence.size', (c: any) => (c.evidence.size = -1), 'expected a non-negative integer'],
    ['evidence.size', (c: any) => (c.evidence.size = 1.5), 'expected a non-negative integer'],
    ['evidence.sha256', (c: any) => (c.evidence.sha256 = c.evidence.sha256.toUpperCase().replace('0X', '0x')), 'expected 0x-prefixed 32-byte hex in lowercase'],
    ['evidence.sha256', (c: any) => (c.evidence.sha256 = c.evidence.sha256.slice(2)), 'expected 0x-prefixed 32-byte hex'],
    ['evidence.submittedAt', (c: any) => (c.evidence.submittedAt = 'yesterday'), 'expected an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS, 1-9 fraction digits, Z or ±HH:MM; years 0001-9999), e.g. 2026-01-01T00:00:00.000Z'],
    ['leaf.version', (c: any) => (c.leaf.version = 0), 'expected a positive integer'],
    ['leaf.salt', (c: any) => delete c.leaf.salt, 'is missing'],
    ['proof.algorithm', (c: any) => (c.proof.algorithm = 'sha256'), 'expected "rfc9162-sha256"'],
    ['proof.treeSize', (c: any) => (c.proof.treeSize = 0), 'expected a positive integer'],
    ['proof.path', (c: any) => (c.proof.path = Array(65).fill(c.proof.root)), 'expected at most 64 hashes'],
    ['anchor.contract', (c: any) => (c.anchor.contract = c.proof.root), 'expected 0x-prefixed 20-byte hex'],
    ['anchor.chainId', (c: any) => (c.anchor.chainId = 31337), 'expected a decimal string of a positive integer'],
    ['anchor.submitter', (c: any) => delete c.anchor.submitter, 'is missing'],
    ['anchor.submitter', (c: any) => (c.anchor.submitter = c.anchor.previousRoot), 'expected 0x-prefixed 20-byte hex'],
    ['anchor.submitter', (c: any) => (c.anchor.submitter = c.anchor.submitter.toUpperCase().replace('0X', '0x')), 'expected 0x-prefixed 20-byte hex in lowercase'],
    ['anchor.previousRoot', (c: any) => delete c.anchor.previousRoot, 'is missing'],
    ['anchor.previousRoot', (c: any) => (c.anchor.previousRoot = c.anchor.submitter), 'expected 0x-prefixed 32-byte hex'],
    ['anchor.blockTime', (c: any) => (c.anchor.blockTime = '1.5'), 'expected a decimal string of an unsigned 64-bit integer'],
    ['anchor.batchId', (c: any) => (c.anchor.batchId = undefined), 'is missing'],
    ['issuedAt', (c: any) => delete c.issuedAt, 'is missing'],
    ['extra', (c: any) => (c.extra = 1), 'is not a field of certificate format version 1'],
    ['anchor.extra', (c: any) => (c.anchor.extra = 1), 'is not a field of certificate format version 1'],
    ['leaf.version', (c: any) => (c.leaf.version = 256), 'expected a positive integer of at most 255 (the leaf version is one byte)'],
    ['serial', (c: any) => delete c.serial, 'is missing'],
    ['serial', (c: any) => (c.serial = 'EVD-7K3M-9QX2-R5T8-WBLN'), "expected a serial like EVD-7K3M-9QX2-R5T8-WB4N: 'EVD' and four groups of four Crockford base32 characters"],
    ['serial', (c: any) => (c.serial = 'evd-7k3m-9qx2-r5t8-wb4n'), "expected a serial like EVD-7K3M-9QX2-R5T8-WB4N: 'EVD' and four groups of four Crockford base32 characters"],
    ['issuer', (c: any) => delete c.issuer, 'is missing'],
    ['issuer.name', (c: any) => (c.issuer.name = ''), 'expected a non-empty string'],
    ['issuer.name', (c: any) => (c.issuer.name = 'x'.repeat(201)), 'expected a non-empty string of at most 200 characters (Unicode code points)'],
    ['issuer.name', (c: any) => (c.issuer.name = 7), 'expected a non-empty string'],
    ['issuer.address', (c: any) => (c.issuer.address = c.issuer.address.toUpperCase().replace('0X', '0x')), 'expected 0x-prefixed 20-byte hex in lowercase'],
    ['issuer.extra', (c: any) => (c.issuer.extra = 1), 'is not a field of certificate format version 1'],
    ['signature.scheme', (c: any) => (c.signature.scheme = 'eip191'), 'expected "eip712"'],
    ['evidence.fileName', (c: any) => (c.evidence.fileName = 'broken\uD800.txt'), 'expected well-formed Unicode text (it contains a lone UTF-16 surrogate)'],
    ['evidence.mediaType', (c: any) => (c.evidence.mediaType = '\uDC00'), 'expected well-formed Unicode text (it contains a lone UTF-16 surrogate)'],
  ])('rejects a bad %s', (path, change, message) => {
    const c = valid();
    change(c);
    expect(issuesOf(c)).toEqual([{ path, message }]);
  });

  it('accepts any well-formed Unicode in names, and issuer names up to 200 characters', () => {
    const c = valid();
    c.evidence.fileName = '合同 📄 final.pdf';
    c.issuer.name = 'É'.repeat(200);
    expect(parseCertificate(c).evidence.fileName).toBe('合同 📄 final.pdf');
  });

  it('accepts date-times with an offset', () => {
    const c = valid();
    c.evidence.submittedAt = '2026-01-01T08:00:00+08:00';
    expect(parseCertificate(c).evidence.submittedAt).toBe('2026-01-01T08:00:00+08:00');
  });

  it('reports non-objects and non-JSON text on the certificate itself', () => {
    expect(issuesOf(null)).toEqual([{ path: 'certificate', message: 'expected a JSON object' }]);
    expect(issuesOf([])).toEqual([{ path: 'certificate', message: 'expected a JSON object' }]);
    expect(issuesOf('{')[0].path).toBe('certificate');
    expect(issuesOf('{')[0].message).toMatch(/^is not valid JSON/);
  });

  it('lists every problem at once', () => {
    const c = valid();
    delete c.evidence;
    c.proof.leafIndex = -1;
    expect(issuesOf(c).map((issue) => issue.path)).toEqual(['evidence', 'proof.leafIndex']);
  });
});

describe('certificateFileName', () => {
  it('names the file after the serial', () => {
    expect(certificateFileName(parseCertificate(valid()))).toBe('evident-certificate-EVD-7K3M-9QX2-R5T8-WB4N.json');
  });
});

describe('CERTIFICATE_SERIAL_PATTERN', () => {
  it('takes the Crockford base32 digits and leaves out I, L, O and U', () => {
    expect(CERTIFICATE_SERIAL_PATTERN.test('EVD-0123-4567-89AB-CDEF')).toBe(true);
    expect(CERTIFICATE_SERIAL_PATTERN.test('EVD-GHJK-MNPQ-RSTV-WXYZ')).toBe(true);
    for (const letter of 'ILOU') expect(CERTIFICATE_SERIAL_PATTERN.test(`EVD-0000-0000-0000-000${letter}`)).toBe(false);
    expect(CERTIFICATE_SERIAL_PATTERN.test('EVD-0000-0000-0000')).toBe(false);
    expect(CERTIFICATE_SERIAL_PATTERN.test('EVD-0000-0000-0000-0000-0000')).toBe(false);
  });
});

describe('parseCertificate, format version 3', () => {
  const v3Text = readFileSync(path.resolve(__dirname, '../../docs/vectors/valid.v3.certificate.json'), 'utf8');
  const v3 = () => JSON.parse(v3Text) as Record<string, any>;

  it('accepts the subject and provenance, Chinese text included, and keeps them as given', () => {
    const parsed = parseCertificate(v3Text);
    expect(parsed.version).toBe(3);
    expect(parsed.subject?.borrower).toEqual({ name: '张三', identifierHint: '4401**********451X' });
    expect(parsed.provenance?.channel).toBe('api');
  });

  it('takes absent values as null, never as an empty string or a missing key', () => {
    const nulls = { ...v3(), subject: { organization: null, title: null, evidenceType: null, loanReference: null, borrower: null }, provenance: { channel: 'portal', source: null } };
    expect(parseCertificate(nulls)).toEqual(nulls);
    for (const field of ['title', 'loanReference'] as const) {
      expect(issuesOf({ ...v3(), subject: { ...v3().subject, [field]: '' } })).toEqual([{ path: `subject.${field}`, message: 'expected a non-empty string' }]);
      const { [field]: _, ...without } = v3().subject;
      expect(issuesOf({ ...v3(), subject: without })).toEqual([{ path: `subject.${field}`, message: 'is missing' }]);
    }
    expect(issuesOf({ ...v3(), provenance: { channel: 'api', source: {} } })[0]!.path).toBe('provenance.source');
  });

  it('refuses the fields a certificate must not carry (client address, staff email, Idempotency-Key)', () => {
    for (const field of ['clientAddress', 'submittedBy', 'idempotencyKey']) {
      expect(issuesOf({ ...v3(), provenance: { ...v3().provenance, [field]: 'x' } })).toEqual([
        { path: `provenance.${field}`, message: 'is not a field of certificate format version 3' },
      ]);
    }
  });

  it('holds subject and provenance to version 3, and requires both there', () => {
    const { subject, provenance } = v3();
    expect(issuesOf({ ...valid(), subject })).toEqual([{ path: 'subject', message: 'is not a field of certificate format version 1' }]);
    expect(issuesOf({ ...v3(), version: 2 })).toEqual(
      expect.arrayContaining([{ path: 'subject', message: 'is not a field of certificate format version 2' }]),
    );
    const { subject: _s, ...withoutSubject } = v3();
    expect(issuesOf(withoutSubject)).toEqual([{ path: 'subject', message: 'is missing' }]);
    const { provenance: _p, ...withoutProvenance } = v3();
    expect(issuesOf({ ...withoutProvenance })).toEqual([{ path: 'provenance', message: 'is missing' }]);
    expect(parseCertificate({ ...v3(), provenance })).toEqual(v3());
  });

  it('counts subject lengths in code points and refuses a lone surrogate', () => {
    const withName = (name: string) => ({ ...v3(), subject: { ...v3().subject, borrower: { name, identifierHint: null } } });
    expect(() => parseCertificate(withName('𠀀'.repeat(100)))).not.toThrow();
    expect(issuesOf(withName('𠀀'.repeat(101)))[0]!.path).toBe('subject.borrower.name');
    expect(issuesOf(withName('张\uD800'))[0]!.message).toMatch(/lone UTF-16 surrogate/);
    expect(issuesOf({ ...v3(), subject: { ...v3().subject, evidenceType: 'Loan Contract' } })[0]!.path).toBe('subject.evidenceType');
  });
});
