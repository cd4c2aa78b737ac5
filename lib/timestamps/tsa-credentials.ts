// Credentials of a timestamping authority run by ourselves: a self-signed root and, under it, the TSA
// certificate with the one extended key usage RFC 3161 §2.3 demands (id-kp-timeStamping, critical).
// ECDSA P-256 through WebCrypto via pkijs. The root's private key is used once and not kept: the
// TSA key alone signs tokens, and nothing can issue a second TSA certificate under the same root.
// The options that break a rule exist for the fault tests (lib/testing/start-test-tsa.ts).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { TIME_STAMPING_EKU_OID } from '../proof/timestamp-protocol';

export interface TsaCredentials {
  rootCertificate: Uint8Array;
  tsaCertificate: Uint8Array;
  /** PKCS#8 DER of the TSA's ECDSA P-256 signing key. */
  tsaPrivateKey: Uint8Array;
}

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function createTsaCredentials({
  name,
  validFrom = new Date(Date.now() - DAY_MS),
  validTo = new Date(Date.now() + 20 * 365 * DAY_MS),
  timeStampingUsage = 'critical',
}: {
  /** Appears in the subject common names ("<name> Root", "<name> TSA"). */
  name: string;
  /** Validity of the TSA certificate; the root covers it. */
  validFrom?: Date;
  validTo?: Date;
  timeStampingUsage?: 'critical' | 'non-critical' | 'absent';
}): Promise<TsaCredentials> {
  const rootKeys = await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify']);
  const tsaKeys = await crypto.subtle.generateKey(ECDSA, true, ['sign', 'verify']);
  const rootNotBefore = new Date(Math.min(validFrom.getTime(), Date.now() - DAY_MS));
  const rootNotAfter = new Date(Math.max(validTo.getTime(), Date.now() + 20 * 365 * DAY_MS));

  const root = await newCertificate({ subject: `${name} Root`, publicKey: rootKeys.publicKey, notBefore: rootNotBefore, notAfter: rootNotAfter });
  root.issuer = root.subject;
  root.extensions = [
    basicConstraints(true),
    keyUsage(0x06), // keyCertSign, cRLSign
    await subjectKeyIdentifier(root),
  ];
  await root.sign(rootKeys.privateKey, 'SHA-256');

  const tsa = await newCertificate({ subject: `${name} TSA`, publicKey: tsaKeys.publicKey, notBefore: validFrom, notAfter: validTo });
  tsa.issuer = root.subject;
  tsa.extensions = [basicConstraints(false), keyUsage(0x80 | 0x40)]; // digitalSignature, nonRepudiation
  if (timeStampingUsage !== 'absent') {
    tsa.extensions.push(
      new pkijs.Extension({
        extnID: '2.5.29.37',
        critical: timeStampingUsage === 'critical',
        extnValue: new pkijs.ExtKeyUsage({ keyPurposes: [TIME_STAMPING_EKU_OID] }).toSchema().toBER(),
      }),
    );
  }
  await tsa.sign(rootKeys.privateKey, 'SHA-256');

  return {
    rootCertificate: new Uint8Array(root.toSchema(true).toBER()),
    tsaCertificate: new Uint8Array(tsa.toSchema(true).toBER()),
    tsaPrivateKey: new Uint8Array(await crypto.subtle.exportKey('pkcs8', tsaKeys.privateKey)),
  };
}

export async function importTsaPrivateKey(pkcs8: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', pkcs8 as BufferSource, ECDSA, false, ['sign']);
}

async function newCertificate({ subject, publicKey, notBefore, notAfter }: { subject: string; publicKey: CryptoKey; notBefore: Date; notAfter: Date }) {
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  const serial = crypto.getRandomValues(new Uint8Array(16));
  serial[0] = (serial[0] & 0x7f) | 0x01;
  certificate.serialNumber = new asn1js.Integer({ valueHex: serial as BufferSource });
  certificate.subject.typesAndValues.push(new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: subject }) }));
  certificate.notBefore.value = notBefore;
  certificate.notAfter.value = notAfter;
  await certificate.subjectPublicKeyInfo.importKey(publicKey);
  return certificate;
}

function basicConstraints(cA: boolean) {
  return new pkijs.Extension({
    extnID: '2.5.29.19',
    critical: true,
    extnValue: new pkijs.BasicConstraints({ cA }).toSchema().toBER(),
  });
}

function keyUsage(bits: number) {
  return new pkijs.Extension({
    extnID: '2.5.29.15',
    critical: true,
    extnValue: new asn1js.BitString({ valueHex: new Uint8Array([bits]).buffer, unusedBits: 1 }).toBER(),
  });
}

async function subjectKeyIdentifier(certificate: pkijs.Certificate) {
  const spki = certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView;
  const id = await crypto.subtle.digest('SHA-1', spki as BufferSource);
  return new pkijs.Extension({ extnID: '2.5.29.14', extnValue: new asn1js.OctetString({ valueHex: id }).toBER() });
}
