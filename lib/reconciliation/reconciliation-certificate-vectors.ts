// The reconciliation certificate vectors of docs/reconciliation-format.md section 12.8: good
// certificates of every class, and bad ones spoiled in each way a verifier must catch, signed with the
// published test keys of docs/proof-format.md section 9.7 (deterministic RFC 6979 signatures, fixed
// serials and times), so they come out byte-identical every time. Made by reconciliation-vectors.ts
// with the other reconciliation vectors, from the proofs it mints; each case's outcome is stated here
// by hand and the generator refuses to write a case the verifier does not report so.
import { id, TypedDataEncoder, Wallet } from 'ethers';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from '../proof/hex';
import { verifyCertificate } from '../proof/verify-certificate';
import { signReconciliationCertificate } from './mint-reconciliation-certificate';
import {
  proofSha256,
  RECONCILIATION_CERTIFICATE_KIND,
  reconciliationCertificateBytes,
  reconciliationCertificateTypedData,
  type AttestedSide,
  type CertificateClass,
  type ReconciliationCertificate,
  type UnsignedReconciliationCertificate,
} from './reconciliation-certificate';
import type { AbsenceProof, FieldMismatchProof, InclusionProof, ReconciliationProof } from './reconciliation-proof-schema';

/** The published test keys (docs/proof-format.md section 9.7): anyone can sign with them. */
export const ISSUER_TEST_KEY = '0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
export const OTHER_TEST_KEY = '0xfedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210';

const PAIR = { id: '6d1f7a3e-2b4c-4e8a-9f10-3c5d7e9b1a2f', bankA: '深圳甲银行', bankB: '上海乙银行 (Bank B)' };
const BUSINESS_DATE = '2026-12-01';
const ISSUED_AT = '2026-12-02T09:30:00.000Z';

/** Side receipts are opaque here (their format is not this section's): SHA-256 of a fixed text. */
const receiptSha256 = (bank: 'A' | 'B') => toHex(sha256(new TextEncoder().encode(`evident test vector: side receipt of bank ${bank}, ${BUSINESS_DATE}`)));

interface Case {
  file: string;
  /** Check ids that must fail, in report order, with the code each must report. */
  failures: Record<string, string>;
  /** The file is not JSON: the CLI and the API refuse it as unreadable before any check. */
  unreadable?: true;
}

const flipLastDigit = (hex: string) => `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}`;
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export async function makeReconciliationCertificateVectors({
  sides,
  matched,
  onlyAInclusion,
  onlyAAbsence,
  fieldMismatch,
}: {
  sides: { a: { root: string; rowCount: number }; b: { root: string; rowCount: number } };
  /** Inclusion of a matched row in side A. */
  matched: InclusionProof;
  /** Inclusion of side A's only-a row in A, and that key's absence from B. */
  onlyAInclusion: InclusionProof;
  onlyAAbsence: AbsenceProof;
  fieldMismatch: FieldMismatchProof;
}): Promise<Map<string, string>> {
  const issuer = new Wallet(ISSUER_TEST_KEY);
  const other = new Wallet(OTHER_TEST_KEY);
  const issuerOf = (wallet: Wallet) => ({ name: 'Evident (test vectors)', address: wallet.address.toLowerCase() });
  const attested = (bank: 'A' | 'B', side = bank === 'A' ? sides.a : sides.b): AttestedSide => ({ bank, ...side, receiptSha256: receiptSha256(bank) });
  let serialNumber = 0;
  const unsigned = (breakClass: CertificateClass, proof: ReconciliationProof, attestedSides: AttestedSide[]): UnsignedReconciliationCertificate => ({
    kind: RECONCILIATION_CERTIFICATE_KIND,
    version: 1 as const,
    serial: `EVR-7K3M-9QX2-R5T8-WB${String(serialNumber++).padStart(2, '0')}`,
    issuer: issuerOf(issuer),
    pair: PAIR,
    businessDate: BUSINESS_DATE,
    class: breakClass,
    attestedSides,
    proof,
    issuedAt: ISSUED_AT,
  });
  const file = (certificate: ReconciliationCertificate) => new TextDecoder().decode(reconciliationCertificateBytes(certificate));

  const files = new Map<string, string>();
  const cases: Case[] = [];
  const add = (name: string, text: string, failures: Record<string, string> = {}, unreadable?: true) => {
    files.set(name, text);
    cases.push({ file: name, failures, ...(unreadable ? { unreadable } : {}) });
  };

  const validMatched = await signReconciliationCertificate(unsigned('matched', matched, [attested('A')]), issuer);
  const validOnlyAInclusion = await signReconciliationCertificate(unsigned('only-a', onlyAInclusion, [attested('A')]), issuer);
  const validOnlyAAbsence = await signReconciliationCertificate(unsigned('only-a', onlyAAbsence, [attested('B')]), issuer);
  const validMismatch = await signReconciliationCertificate(unsigned('field-mismatch', fieldMismatch, [attested('A'), attested('B')]), issuer);
  add('certificate.valid.matched.json', file(validMatched));
  add('certificate.valid.only-a.inclusion.json', file(validOnlyAInclusion));
  add('certificate.valid.only-a.absence.json', file(validOnlyAAbsence));
  add('certificate.valid.field-mismatch.json', file(validMismatch));

  // The proof, edited after signing: it no longer holds, and the signature no longer covers it.
  const editedProof: InclusionProof = { ...matched, path: matched.path.map((hash, i) => (i === 0 ? flipLastDigit(hash) : hash)) };
  add('certificate.fail.proof-edited.json', file({ ...validMatched, proof: editedProof }), {
    'reconciliation-proof': 'reconciliation-proof.invalid',
    signature: 'signature.mismatch',
  });
  // The same edit signed by the issuer itself: the proof check alone catches it.
  add(
    'certificate.fail.proof-edited-and-resigned.json',
    file(await signReconciliationCertificate(unsigned('matched', editedProof, [attested('A')]), issuer)),
    { 'reconciliation-proof': 'reconciliation-proof.invalid' },
  );
  // The attested root, edited after signing: the proof's side is no longer the attested one.
  const editedSides = validOnlyAAbsence.attestedSides.map((side) => ({ ...side, root: flipLastDigit(side.root) }));
  add('certificate.fail.attested-root-edited.json', file({ ...validOnlyAAbsence, attestedSides: editedSides }), {
    'reconciliation-proof': 'reconciliation-proof.side-not-trusted',
    signature: 'signature.mismatch',
  });
  // Signed as issued, but the proof is about another side than the attested one: A's proof, B's side.
  add(
    'certificate.fail.proof-side-not-attested.json',
    file(await signReconciliationCertificate(unsigned('matched', matched, [attested('A', sides.b)]), issuer)),
    { 'reconciliation-proof': 'reconciliation-proof.side-not-trusted' },
  );
  add(
    'certificate.fail.field-mismatch.sides-swapped.json',
    file(await signReconciliationCertificate(unsigned('field-mismatch', fieldMismatch, [attested('A', sides.b), attested('B', sides.a)]), issuer)),
    { 'reconciliation-proof': 'reconciliation-proof.side-not-trusted' },
  );
  // Names the issuer, signed by another key (a forgery); names and is signed by another key (not pinned).
  const forged = unsigned('field-mismatch', fieldMismatch, [attested('A'), attested('B')]);
  const forgedTypedData = reconciliationCertificateTypedData(forged);
  const forgedSignature = (await other.signTypedData(forgedTypedData.domain, forgedTypedData.types, forgedTypedData.value)).toLowerCase();
  add('certificate.fail.signed-by-another-key.json', file({ ...forged, signature: { scheme: 'eip712', value: forgedSignature } }), {
    signature: 'signature.mismatch',
  });
  add(
    'certificate.fail.untrusted-issuer.json',
    file(await signReconciliationCertificate({ ...unsigned('field-mismatch', fieldMismatch, [attested('A'), attested('B')]), issuer: issuerOf(other) }, other)),
    { signature: 'signature.untrusted' },
  );
  add('certificate.fail.unsigned.json', file(unsigned('only-a', onlyAAbsence, [attested('B')])), { signature: 'signature.unsigned' });

  // Malformed: each must be refused before any other check.
  const format = { 'certificate-format': 'certificate-format.invalid' };
  const validText = file(validMatched);
  add('certificate.fail.malformed-json.json', validText.slice(0, validText.length - 40), format, true);
  add('certificate.fail.duplicate-member.json', validText.replace(`  "businessDate": "${BUSINESS_DATE}",\n`, `  "businessDate": "2026-11-30",\n  "businessDate": "${BUSINESS_DATE}",\n`), format);
  add('certificate.fail.unknown-member.json', json({ ...validMatched, note: 'not part of version 1' }), format);
  add('certificate.fail.wrong-kind.json', validText.replace(`"kind": "${RECONCILIATION_CERTIFICATE_KIND}"`, '"kind": "reconciliation-statement"'), format);
  add('certificate.fail.wrong-version.json', validText.replace('"version": 1,', '"version": 2,'), format);
  add('certificate.fail.uppercase-hex.json', validText.replace(validMatched.attestedSides[0].root, validMatched.attestedSides[0].root.toUpperCase().replace('0X', '0x')), format);
  add('certificate.fail.row-count-not-plain-digits.json', validText.replace(`"rowCount": ${sides.a.rowCount},`, `"rowCount": ${sides.a.rowCount}.0,`), format);
  add('certificate.fail.reserved-member.json', validText.replace(`  "issuedAt"`, `  "statementSha256": "${receiptSha256('A')}",\n  "issuedAt"`), format);
  add('certificate.fail.class-does-not-fit-proof.json', validText.replace('"class": "matched"', '"class": "field-mismatch"'), format);
  add('certificate.fail.bank-does-not-fit-proof.json', file({ ...validOnlyAAbsence, attestedSides: [attested('A', sides.b)] }), format);
  // A bare proof is not a certificate: nobody signed it.
  cases.push({ file: 'valid.inclusion.json', failures: format });

  const trustedIssuers = [issuerOf(issuer).address];
  for (const c of cases) {
    const text = files.get(c.file) ?? json(onlyAInclusion);
    const report = await verifyCertificate({ certificate: text, trustedIssuers });
    const failed = Object.fromEntries(report.checks.filter((check) => check.status === 'fail').map((check) => [check.id, check.code]));
    if (JSON.stringify(failed) !== JSON.stringify(c.failures)) {
      throw new Error(`${c.file}: the verifier reports ${JSON.stringify(failed)}, the case states ${JSON.stringify(c.failures)}.`);
    }
  }

  const typedData = reconciliationCertificateTypedData(validMismatch);
  const encoder = TypedDataEncoder.from(typedData.types);
  files.set(
    'certificates.json',
    json({
      about:
        'Reconciliation certificate vectors (docs/reconciliation-format.md section 12.8). Each case lists the checks that must fail, ' +
        'in report order, with their codes; a case without failures passes every check. Pin trustedIssuers. "unreadable" files are ' +
        'not JSON: the CLI exits 2 and POST /api/v1/verify answers 400; verifyCertificate reports certificate-format.invalid.',
      trustedIssuers,
      signing: {
        issuerTestPrivateKey: ISSUER_TEST_KEY,
        otherTestPrivateKey: OTHER_TEST_KEY,
        domain: typedData.domain,
        encodeType: encoder.encodeType('ReconciliationCertificate'),
        typeHash: id(encoder.encodeType('ReconciliationCertificate')),
        domainSeparator: TypedDataEncoder.hashDomain(typedData.domain),
        validFieldMismatch: {
          file: 'certificate.valid.field-mismatch.json',
          proofSha256: proofSha256(validMismatch.proof),
          hashStruct: TypedDataEncoder.hashStruct('ReconciliationCertificate', typedData.types, typedData.value),
          digest: TypedDataEncoder.hash(typedData.domain, typedData.types, typedData.value),
          signature: validMismatch.signature!.value,
        },
      },
      cases,
    }),
  );
  return files;
}
