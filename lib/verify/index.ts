// The verification library in one import; it pulls in no Node built-ins and no merkletreejs.
export { checkChainAnchor } from './check-chain-anchor';
export { checkFileHash } from './check-file-hash';
export { checkInclusionProof } from './check-inclusion-proof';
export { checkLeaf } from './check-leaf';
export { checkRevocation } from './check-revocation';
export { checkSignature } from './check-signature';
export { createRevocationLookup, type CreateRevocationLookupOptions } from './create-revocation-lookup';
export { interpretBlockTime, MILLISECONDS_THRESHOLD, type InterpretedBlockTime } from './interpret-block-time';
export { ISSUER_DOCUMENT_PATH, issuerDocumentSchema, type IssuerDocument } from './issuer-document';
export { recomputeLeafHash } from './recompute-leaf-hash';
export { revocationStatusPath, revocationStatusSchema, type RevocationLookup, type RevocationStatus } from './revocation-status';
export {
  CHECK_IDS,
  type CheckId,
  type CheckStatus,
  type VerificationCheck,
  type VerificationReport,
} from './verification-report';
export { verifyCertificate, type VerifyCertificateOptions } from './verify-certificate';
