// The reconciliation certificate through the one verification library (lib/proof's verifyCertificate,
// which /verify, the CLI and POST /api/v1/verify call): every published vector gives the outcome its
// manifest states, the signed bytes are what section 12 pins, and minting refuses what would not verify.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TypedDataEncoder, verifyTypedData, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { CertificateFormatError } from '../proof/certificate-schema';
import { RECONCILIATION_CHECK_IDS } from '../proof/verification-report';
import { verifyCertificate } from '../proof/verify-certificate';
import { mintReconciliationCertificate, UnprovableReconciliationCertificateError } from './mint-reconciliation-certificate';
import {
  parseReconciliationCertificate,
  reconciliationCertificateBytes,
  reconciliationCertificateTypedData,
  type ReconciliationCertificate,
} from './reconciliation-certificate';
import { ISSUER_TEST_KEY } from './reconciliation-certificate-vectors';
import { VECTORS_DIRECTORY } from './reconciliation-vectors';

interface Manifest {
  trustedIssuers: string[];
  signing: { encodeType: string; typeHash: string; validFieldMismatch: { file: string; digest: string; signature: string } };
  cases: { file: string; failures: Record<string, string>; unreadable?: true }[];
}

const read = (file: string) => readFile(join(VECTORS_DIRECTORY, file), 'utf8');
const manifest = async (): Promise<Manifest> => JSON.parse(await read('certificates.json'));
const failuresOf = (report: Awaited<ReturnType<typeof verifyCertificate>>) =>
  Object.fromEntries(report.checks.filter((check) => check.status === 'fail').map((check) => [check.id, check.code]));

describe('reconciliation certificate vectors through verifyCertificate', () => {
  it('every case fails exactly the checks its manifest names, with their codes; the good ones pass every check', async () => {
    const { cases, trustedIssuers } = await manifest();
    expect(cases.filter((c) => Object.keys(c.failures).length === 0).map((c) => c.file)).toHaveLength(4);
    expect(cases.length).toBeGreaterThanOrEqual(22);
    for (const c of cases) {
      const report = await verifyCertificate({ certificate: await read(c.file), trustedIssuers });
      expect(failuresOf(report), c.file).toEqual(c.failures);
      expect(report.valid, c.file).toBe(Object.keys(c.failures).length === 0);
      if (!c.failures['certificate-format']) {
        expect(report.checks.map((check) => check.id), c.file).toEqual(RECONCILIATION_CHECK_IDS);
        expect(report.reconciliationCertificate?.kind).toBe('reconciliation-certificate');
        expect(report.certificate).toBeUndefined();
      }
    }
  });

  it('says what was wrong with a malformed certificate by the member it concerns', async () => {
    const { trustedIssuers } = await manifest();
    const fieldsOf = async (file: string) =>
      (await verifyCertificate({ certificate: await read(file), trustedIssuers })).checks[0].params?.fields;
    expect(await fieldsOf('certificate.fail.duplicate-member.json')).toBe('businessDate');
    expect(await fieldsOf('certificate.fail.unknown-member.json')).toBe('note');
    expect(await fieldsOf('certificate.fail.reserved-member.json')).toBe('statementSha256');
    expect(await fieldsOf('certificate.fail.uppercase-hex.json')).toBe('attestedSides[0].root');
    expect(await fieldsOf('certificate.fail.row-count-not-plain-digits.json')).toBe('attestedSides[0].rowCount');
    expect(await fieldsOf('certificate.fail.class-does-not-fit-proof.json')).toBe('proof.kind');
    expect(await fieldsOf('certificate.fail.bank-does-not-fit-proof.json')).toBe('attestedSides');
    expect(await fieldsOf('certificate.fail.wrong-version.json')).toBe('version');
    expect(await fieldsOf('certificate.fail.wrong-kind.json')).toBe('kind');
    const bare = await verifyCertificate({ certificate: await read('valid.inclusion.json'), trustedIssuers });
    expect(bare.checks[0].message).toContain('a bare proof, which nobody signed');
  });

  it('passes an unpinned certificate signed in its own name only as "not pinned"', async () => {
    const report = await verifyCertificate({ certificate: await read('certificate.fail.untrusted-issuer.json') });
    expect(report.valid).toBe(true);
    expect(report.checks.find((check) => check.id === 'signature')?.code).toBe('signature.not-pinned');
  });

  it('shows the signed facts on a passing signature, and takes a parsed object as the API JSON body gives it', async () => {
    const { trustedIssuers } = await manifest();
    const text = await read('certificate.valid.field-mismatch.json');
    const report = await verifyCertificate({ certificate: JSON.parse(text), trustedIssuers });
    expect(report.valid).toBe(true);
    const signature = report.checks.find((check) => check.id === 'signature')!;
    expect(signature.code).toBe('signature.trusted');
    expect(signature.details).toMatchObject({ bankA: '深圳甲银行', businessDate: '2026-12-01', breakClass: 'field-mismatch', field: 'status' });
    expect(signature.details?.sideBRoot).toMatch(/^0x[0-9a-f]{64}$/);
  });
});

describe('the signed bytes (section 12.4)', () => {
  it('pins the type string, and any EIP-712 implementation recovers the issuer from the published digest', async () => {
    const { signing, trustedIssuers } = await manifest();
    expect(signing.encodeType).toBe(
      'ReconciliationCertificate(string kind,uint8 version,string serial,string issuerName,address issuer,string pairId,string bankA,' +
        'string bankB,string businessDate,string breakClass,AttestedSide[] attestedSides,bytes32 proofSha256,string issuedAt)' +
        'AttestedSide(string bank,bytes32 root,uint64 rowCount,bytes32 receiptSha256)',
    );
    const certificate = parseReconciliationCertificate(await read(signing.validFieldMismatch.file));
    const { domain, types, value } = reconciliationCertificateTypedData(certificate);
    expect(domain).toEqual({ name: 'Evident Certificate', version: '1' });
    expect(TypedDataEncoder.hash(domain, types, value)).toBe(signing.validFieldMismatch.digest);
    expect(verifyTypedData(domain, types, value, signing.validFieldMismatch.signature).toLowerCase()).toBe(trustedIssuers[0]);
  });

  it('a change of spacing or member order changes nothing signed; a change of any value does', async () => {
    const certificate = parseReconciliationCertificate(await read('certificate.valid.only-a.absence.json'));
    const digest = (c: ReconciliationCertificate) => {
      const { domain, types, value } = reconciliationCertificateTypedData(c);
      return TypedDataEncoder.hash(domain, types, value);
    };
    const reordered = parseReconciliationCertificate(JSON.stringify(Object.fromEntries(Object.entries(certificate).reverse())));
    expect(digest(reordered)).toBe(digest(certificate));
    expect(digest({ ...certificate, pair: { ...certificate.pair, bankB: `${certificate.pair.bankB} ` } })).not.toBe(digest(certificate));
    expect(digest({ ...certificate, attestedSides: [{ ...certificate.attestedSides[0], receiptSha256: `0x${'00'.repeat(32)}` }] })).not.toBe(
      digest(certificate),
    );
  });
});

describe('minting', () => {
  const issuer = () => {
    const wallet = new Wallet(ISSUER_TEST_KEY);
    return { name: 'Evident (test vectors)', address: wallet.address.toLowerCase(), wallet };
  };
  const inputsOf = (certificate: ReconciliationCertificate) => ({
    proof: certificate.proof,
    pair: certificate.pair,
    businessDate: certificate.businessDate,
    breakClass: certificate.class,
    attestedSides: certificate.attestedSides,
    issuer: issuer(),
    serial: certificate.serial,
    issuedAt: new Date(certificate.issuedAt),
  });

  it('issues, byte for byte, the published certificate from its proof and attested sides', async () => {
    for (const file of ['certificate.valid.field-mismatch.json', 'certificate.valid.matched.json', 'certificate.valid.only-a.absence.json']) {
      const text = await read(file);
      const minted = await mintReconciliationCertificate(inputsOf(parseReconciliationCertificate(text)));
      expect(new TextDecoder().decode(reconciliationCertificateBytes(minted)), file).toBe(text);
    }
  });

  it('refuses to sign a proof about another side than the attested one, or a proof that does not hold', async () => {
    const good = parseReconciliationCertificate(await read('certificate.valid.field-mismatch.json'));
    const swapped = { ...inputsOf(good), attestedSides: [{ ...good.attestedSides[0], root: good.attestedSides[1].root }, good.attestedSides[1]] };
    const notAttested = await mintReconciliationCertificate(swapped).catch((error: unknown) => error);
    expect(notAttested).toBeInstanceOf(UnprovableReconciliationCertificateError);
    expect((notAttested as UnprovableReconciliationCertificateError).failure).toBe('reconciliation-proof.side-not-trusted');
    const edited = parseReconciliationCertificate(await read('certificate.fail.proof-edited-and-resigned.json'));
    const broken = await mintReconciliationCertificate(inputsOf(edited)).catch((error: unknown) => error);
    expect(broken).toBeInstanceOf(UnprovableReconciliationCertificateError);
    expect((broken as UnprovableReconciliationCertificateError).failure).toBe('reconciliation-proof.invalid');
    await expect(mintReconciliationCertificate({ ...inputsOf(good), businessDate: '2026-02-30' })).rejects.toBeInstanceOf(CertificateFormatError);
  });
});
