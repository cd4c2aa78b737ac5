// Decides whether an RFC 3161 timestamp proves that a batch root existed at genTime. Browser-safe:
// pkijs over WebCrypto, no node: imports, so the verification page, the CLI and the batcher run the
// same checks. Every check that fails names itself with a code; nothing here throws for a bad token.
//
// Checks, in order: the response status grants a token; the token is CMS SignedData over a TSTInfo;
// the imprint is SHA-256 (by OID) of the root; the nonce is ours; the CMS signature verifies with the
// signer certificate; ESS signingCertificate(V2) names that certificate; the certificate's only
// extended key usage is id-kp-timeStamping, marked critical (RFC 3161 §2.3); it was valid at genTime
// and chains to one of the trusted roots at genTime.
import * as pkijs from 'pkijs';
import { bytesEqual } from './bytes-equal';
import { toHex } from './hex';
import { normalizeOid, parseTimestampResponse, sha256, SHA256_OID, TIME_STAMPING_EKU_OID, TST_INFO_OID } from './timestamp-protocol';

export type TimestampFailureCode =
  | 'timestamp.malformed'
  | 'timestamp.rejected'
  | 'timestamp.imprint-mismatch'
  | 'timestamp.nonce-mismatch'
  | 'timestamp.bad-signature'
  | 'timestamp.signer-mismatch'
  | 'timestamp.no-eku'
  | 'timestamp.expired'
  | 'timestamp.untrusted';

export interface VerifiedTimestamp {
  genTime: Date;
  /** The TSA's serial number of the token, 0x-prefixed lowercase hex. */
  serial: string;
  policy: string;
  /** The TSA's name from the token, else the signer certificate's subject. */
  tsaName: string;
  signerCertificate: Uint8Array;
  /** DER certificates from the signer's to the trusted root that verified it. */
  chain: Uint8Array[];
  /** The token (CMS ContentInfo DER), also when the input was a whole response. */
  token: Uint8Array;
}

export type TimestampVerification = { ok: true; timestamp: VerifiedTimestamp } | { ok: false; code: TimestampFailureCode; message: string };

const EXTENDED_KEY_USAGE = '2.5.29.37';
const SIGNING_CERTIFICATE_ATTRIBUTE = '1.2.840.113549.1.9.16.2.12';
const SIGNING_CERTIFICATE_V2_ATTRIBUTE = '1.2.840.113549.1.9.16.2.47';
const HASH_NAMES: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1',
  [SHA256_OID]: 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};
const SUBJECT_LABELS: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.6': 'C' };

class Refused extends Error {
  constructor(
    readonly code: TimestampFailureCode,
    message: string,
  ) {
    super(message);
  }
}

export async function verifyTimestampToken({
  token,
  response,
  root,
  trustedRoots,
  expectedNonce,
}: {
  /** The TimeStampToken DER; or instead */
  token?: Uint8Array;
  /** a whole TimeStampResp DER, whose status is checked first. */
  response?: Uint8Array;
  /** The 32-byte batch root the token must cover. */
  root: Uint8Array;
  /** DER certificates of the TSA roots to trust. */
  trustedRoots: Uint8Array[];
  expectedNonce?: Uint8Array;
}): Promise<TimestampVerification> {
  try {
    return { ok: true, timestamp: await check() };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, code: error.code, message: error.message };
    return { ok: false, code: 'timestamp.malformed', message: (error as Error).message };
  }

  async function check(): Promise<VerifiedTimestamp> {
    let tokenDer = token;
    if (response) {
      const parsed = parseTimestampResponse(response);
      if (!parsed.token) {
        throw new Refused('timestamp.rejected', `TSA answered status ${parsed.status}${parsed.statusText.length ? `: ${parsed.statusText.join('; ')}` : ''}`);
      }
      tokenDer = parsed.token;
    }
    if (!tokenDer) throw new Refused('timestamp.malformed', 'no token given');
    const contentInfo = pkijs.ContentInfo.fromBER(tokenDer as BufferSource);
    if (contentInfo.contentType !== pkijs.ContentInfo.SIGNED_DATA) throw new Refused('timestamp.malformed', 'the token is not CMS SignedData');
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const { eContentType, eContent } = signedData.encapContentInfo;
    if (eContentType !== TST_INFO_OID || !eContent) throw new Refused('timestamp.malformed', 'the token does not carry a TSTInfo');
    if (signedData.signerInfos.length !== 1) throw new Refused('timestamp.malformed', `the token has ${signedData.signerInfos.length} signers, not one`);
    const tstInfo = pkijs.TSTInfo.fromBER(eContent.getValue());

    const imprint = tstInfo.messageImprint;
    if (imprint.hashAlgorithm.algorithmId !== SHA256_OID) {
      throw new Refused('timestamp.imprint-mismatch', `the imprint uses digest ${imprint.hashAlgorithm.algorithmId}, not SHA-256`);
    }
    if (!bytesEqual(new Uint8Array(imprint.hashedMessage.valueBlock.valueHexView), await sha256(root))) {
      throw new Refused('timestamp.imprint-mismatch', 'the imprint is not SHA-256 of the batch root');
    }
    if (expectedNonce) {
      const nonce = tstInfo.nonce ? new Uint8Array(tstInfo.nonce.valueBlock.valueHexView) : undefined;
      if (!nonce || unsignedHex(nonce) !== unsignedHex(expectedNonce)) throw new Refused('timestamp.nonce-mismatch', 'the token does not echo our nonce');
    }

    let result: pkijs.SignedDataVerifyResult;
    try {
      result = await signedData.verify({ signer: 0, data: root.slice().buffer as ArrayBuffer, checkChain: false, extendedMode: true });
    } catch (error) {
      const failure = error as pkijs.SignedDataVerifyResult;
      if (failure.code === 2 || failure.code === 3) throw new Refused('timestamp.untrusted', 'the token does not include its signer certificate');
      throw new Refused('timestamp.bad-signature', failure.message ?? String(error));
    }
    const signer = result.signerCertificate;
    if (!result.signatureVerified || !signer) throw new Refused('timestamp.bad-signature', 'the CMS signature does not verify with the signer certificate');
    const signerDer = new Uint8Array(signer.toSchema().toBER());
    await checkSigningCertificateAttribute(signedData.signerInfos[0], signerDer);
    checkTimeStampingUsage(signer);

    const genTime = tstInfo.genTime;
    if (genTime < signer.notBefore.value || genTime > signer.notAfter.value) {
      throw new Refused('timestamp.expired', `the TSA certificate was not valid at ${genTime.toISOString()} (valid ${signer.notBefore.value.toISOString()} to ${signer.notAfter.value.toISOString()})`);
    }
    const trustedCerts = trustedRoots.map((der) => pkijs.Certificate.fromBER(der as BufferSource));
    if (trustedCerts.length === 0) throw new Refused('timestamp.untrusted', 'no trusted TSA roots are configured');
    const others = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate && c !== signer);
    const chain = new pkijs.CertificateChainValidationEngine({ trustedCerts, certs: [...others, signer], checkDate: genTime });
    const chainResult = await chain.verify();
    if (!chainResult.result) throw new Refused('timestamp.untrusted', `the TSA certificate does not chain to a trusted root: ${chainResult.resultMessage}`);

    return {
      genTime,
      serial: `0x${unsignedHex(new Uint8Array(tstInfo.serialNumber.valueBlock.valueHexView))}`,
      policy: normalizeOid(tstInfo.policy),
      tsaName: tstInfo.tsa?.type === 4 ? nameOf(tstInfo.tsa.value as pkijs.RelativeDistinguishedNames) : nameOf(signer.subject),
      signerCertificate: signerDer,
      chain: (chainResult.certificatePath ?? []).map((c) => new Uint8Array(c.toSchema().toBER())),
      token: tokenDer,
    };
  }
}

/** RFC 5035 / RFC 2634: the signed attributes must name the signer certificate by its hash. */
async function checkSigningCertificateAttribute(signerInfo: pkijs.SignerInfo, signerDer: Uint8Array) {
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  const v2 = attributes.find((a) => a.type === SIGNING_CERTIFICATE_V2_ATTRIBUTE);
  const v1 = attributes.find((a) => a.type === SIGNING_CERTIFICATE_ATTRIBUTE);
  const attribute = v2 ?? v1;
  if (!attribute) throw new Refused('timestamp.signer-mismatch', 'the token has no ESS signingCertificate attribute');
  const certs = attribute.values[0]?.valueBlock?.value?.[0]?.valueBlock?.value;
  const first = certs?.[0]?.valueBlock?.value;
  if (!first || first.length === 0) throw new Refused('timestamp.malformed', 'the ESS signingCertificate attribute is empty');
  let hashName = v2 ? 'SHA-256' : 'SHA-1';
  let hashIndex = 0;
  if (v2 && first[0].idBlock.tagNumber === 16) {
    const algorithm = new pkijs.AlgorithmIdentifier({ schema: first[0] });
    hashName = HASH_NAMES[algorithm.algorithmId];
    if (!hashName) throw new Refused('timestamp.signer-mismatch', `unknown ESS certificate hash ${algorithm.algorithmId}`);
    hashIndex = 1;
  }
  const certHash = new Uint8Array(first[hashIndex].valueBlock.valueHexView);
  const actual = new Uint8Array(await crypto.subtle.digest(hashName, signerDer as BufferSource));
  if (!bytesEqual(certHash, actual)) throw new Refused('timestamp.signer-mismatch', 'ESS signingCertificate names another certificate than the signer');
}

function checkTimeStampingUsage(certificate: pkijs.Certificate) {
  const extension = certificate.extensions?.find((e) => e.extnID === EXTENDED_KEY_USAGE);
  if (!extension) throw new Refused('timestamp.no-eku', 'the TSA certificate has no extended key usage');
  const purposes = (extension.parsedValue as pkijs.ExtKeyUsage | undefined)?.keyPurposes ?? [];
  if (purposes.length !== 1 || purposes[0] !== TIME_STAMPING_EKU_OID) {
    throw new Refused('timestamp.no-eku', `the TSA certificate's extended key usage is ${purposes.join(', ') || 'empty'}, not id-kp-timeStamping alone`);
  }
  if (!extension.critical) throw new Refused('timestamp.no-eku', 'the TSA certificate\'s extended key usage is not marked critical');
}

function nameOf(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues.map((tv) => `${SUBJECT_LABELS[tv.type] ?? tv.type}=${tv.value.valueBlock.value}`).join(', ');
}

function unsignedHex(bytes: Uint8Array): string {
  return toHex(bytes).slice(2).replace(/^(00)+(?=.)/, '');
}
