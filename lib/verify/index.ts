// The verification library in one import; it pulls in no Node built-ins and no merkletreejs.
export { checkChainAnchor } from './check-chain-anchor';
export { checkFileHash } from './check-file-hash';
export { checkInclusionProof } from './check-inclusion-proof';
export { checkLeaf } from './check-leaf';
export { interpretBlockTime, MILLISECONDS_THRESHOLD, type InterpretedBlockTime } from './interpret-block-time';
export { recomputeLeafHash } from './recompute-leaf-hash';
export {
  CHECK_IDS,
  type CheckId,
  type CheckStatus,
  type VerificationCheck,
  type VerificationReport,
} from './verification-report';
export { verifyCertificate, type VerifyCertificateOptions } from './verify-certificate';
