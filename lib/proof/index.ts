// The proof core's public API: what the browser /verify page, the offline verifier page, the CLI
// and POST /api/v1/verify share. Nothing in lib/proof imports a Node built-in or anything outside
// lib/proof (lib/offline-verifier/bundle-proof-core.test.ts bundles it for a browser to prove it).
export type { AnchorLookup, AnchorOnChain, AnchorTransaction } from './anchor-lookup';
export {
  CERTIFICATE_SERIAL_PATTERN,
  CertificateFormatError,
  certificateFileName,
  certificateSchema,
  parseCertificate,
  type Certificate,
  type CertificateFormatIssue,
  type UnsignedCertificate,
} from './certificate-schema';
export { certificateTypedData } from './certificate-typed-data';
export { ChainUnavailableError } from './chain-errors';
export { checkChainAnchor } from './check-chain-anchor';
export { checkFileHash } from './check-file-hash';
export { checkInclusionProof } from './check-inclusion-proof';
export { checkLeaf } from './check-leaf';
export { checkRevocation } from './check-revocation';
export { checkSignature } from './check-signature';
export { checkTimestamp } from './check-timestamp';
export { createAnchorLookup, type ClosableAnchorLookup } from './create-anchor-lookup';
export { createRevocationLookup, type CreateRevocationLookupOptions } from './create-revocation-lookup';
export { DomainError } from './domain-error';
export { CertificatePdfError, extractCertificateFromPdf } from './extract-certificate-from-pdf';
export { fromHex, toHex } from './hex';
export { interpretBlockTime, MILLISECONDS_THRESHOLD, type InterpretedBlockTime } from './interpret-block-time';
export { ISSUER_DOCUMENT_PATH, issuerDocumentSchema, type IssuerDocument } from './issuer-document';
export { CertificateFileError, readCertificateFile } from './read-certificate-file';
export { recomputeLeafHash } from './recompute-leaf-hash';
export { recoverCertificateSigner } from './recover-certificate-signer';
export { revocationStatusPath, revocationStatusSchema, type RevocationLookup, type RevocationStatus } from './revocation-status';
export {
  CHECK_IDS,
  type CheckId,
  type CheckStatus,
  type VerificationCheck,
  type VerificationReport,
} from './verification-report';
export { verifyCertificate, type VerifyCertificateOptions } from './verify-certificate';
export { verifyInclusionProof } from './verify-inclusion-proof';
