// The signing half of a timestamping authority: a TimeStampResp holding a TimeStampToken (CMS
// SignedData over a TSTInfo) for one request, signed with the TSA key, with the ESS
// signingCertificateV2 attribute that binds the signer certificate (RFC 5816). Used by the embedded
// TSA (start-local-tsa.ts) and the test TSA; production points TSA_URL at an accredited TSA instead.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256, TST_INFO_OID } from '../proof/timestamp-protocol';

const CONTENT_TYPE_ATTRIBUTE = '1.2.840.113549.1.9.3';
const MESSAGE_DIGEST_ATTRIBUTE = '1.2.840.113549.1.9.4';
const SIGNING_CERTIFICATE_V2_ATTRIBUTE = '1.2.840.113549.1.9.16.2.47';

export interface TimestampSigner {
  certificate: Uint8Array;
  privateKey: CryptoKey;
}

/** PKIStatus values (RFC 3161 §2.4.2). */
export const TIMESTAMP_STATUS = { granted: 0, rejection: 2, waiting: 3 } as const;

export async function issueTimestampResponse({
  imprint,
  nonce,
  certReq,
  signer,
  policyOid,
  serial,
  genTime = new Date(),
}: {
  imprint: { hashAlgorithm: string; hashedMessage: Uint8Array };
  nonce?: Uint8Array;
  certReq: boolean;
  signer: TimestampSigner;
  policyOid: string;
  /** Unique per token (RFC 3161 §2.4.2); positive, big-endian. */
  serial: Uint8Array;
  genTime?: Date;
}): Promise<Uint8Array> {
  const certificate = pkijs.Certificate.fromBER(signer.certificate as BufferSource);
  const tstInfo = new pkijs.TSTInfo({
    version: 1,
    policy: policyOid,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: imprint.hashAlgorithm }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint.hashedMessage as BufferSource }),
    }),
    serialNumber: new asn1js.Integer({ valueHex: serial as BufferSource }),
    // Whole seconds: GeneralizedTime without fractions is what every verifier reads the same way.
    genTime: new Date(Math.floor(genTime.getTime() / 1000) * 1000),
    ...(nonce ? { nonce: new asn1js.Integer({ valueHex: nonce as BufferSource }) } : {}),
    tsa: new pkijs.GeneralName({ type: 4, value: certificate.subject }),
  });
  const content = new Uint8Array(tstInfo.toSchema().toBER());
  const attributes = [
    new pkijs.Attribute({ type: CONTENT_TYPE_ATTRIBUTE, values: [new asn1js.ObjectIdentifier({ value: TST_INFO_OID })] }),
    new pkijs.Attribute({ type: MESSAGE_DIGEST_ATTRIBUTE, values: [new asn1js.OctetString({ valueHex: (await sha256(content)) as BufferSource })] }),
    new pkijs.Attribute({ type: SIGNING_CERTIFICATE_V2_ATTRIBUTE, values: [await signingCertificateV2(signer.certificate)] }),
  ];
  const signedData = new pkijs.SignedData({
    version: 3,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: TST_INFO_OID,
      eContent: new asn1js.OctetString({ valueHex: content as BufferSource }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        // DER orders a SET OF by encoding; verifiers such as OpenSSL re-encode before checking.
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: sortedByEncoding(attributes) }),
      }),
    ],
    ...(certReq ? { certificates: [certificate] } : {}),
  });
  await signedData.sign(signer.privateKey, 0, 'SHA-256');
  const token = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signedData.toSchema(true) });
  const response = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({ status: TIMESTAMP_STATUS.granted }),
    timeStampToken: token,
  });
  return new Uint8Array(response.toSchema().toBER());
}

/** A response without a token: rejection (with the reason a client logs) or waiting. */
export function refuseTimestampRequest({ status, reason }: { status: number; reason: string }): Uint8Array {
  const response = new pkijs.TimeStampResp({
    status: new pkijs.PKIStatusInfo({ status, statusStrings: [new asn1js.Utf8String({ value: reason })] }),
  });
  return new Uint8Array(response.toSchema().toBER());
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }, one ESSCertIDv2 whose
 * hashAlgorithm is left at its DEFAULT, SHA-256. */
async function signingCertificateV2(certificateDer: Uint8Array) {
  const certHash = new asn1js.OctetString({ valueHex: (await sha256(certificateDer)) as BufferSource });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [certHash] })] })] });
}

function sortedByEncoding(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((attribute) => ({ attribute, der: new Uint8Array(attribute.toSchema().toBER()) }));
  encoded.sort((a, b) => {
    for (let i = 0; i < Math.min(a.der.length, b.der.length); i++) if (a.der[i] !== b.der[i]) return a.der[i] - b.der[i];
    return a.der.length - b.der.length;
  });
  return encoded.map((e) => e.attribute);
}

