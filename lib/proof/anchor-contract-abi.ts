// The part of the EvidenceAnchor contract's interface that verification reads: getAnchor and the
// RootAnchored event (current and legacy). Written out here so the proof core does not import the
// compiled artifact (creation bytecode included); lib/chain/anchor-abi.test.ts checks that these
// fragments are the artifact's own.
import { Interface } from 'ethers';

export const ANCHOR_LOOKUP_ABI = [
  'function getAnchor(bytes32 root) view returns (uint64 blockNumber, uint64 blockTime, uint64 firstSequence, uint64 leafCount, address submitter, bytes32 previousRoot)',
  'event RootAnchored(bytes32 indexed root, address indexed submitter, bytes32 previousRoot, uint64 firstSequence, uint64 leafCount, uint64 blockTime, bytes32 auditHead)',
] as const;

export const ANCHOR_LOOKUP_INTERFACE = new Interface(ANCHOR_LOOKUP_ABI);

/** topic0 of RootAnchored(bytes32 indexed root, address indexed submitter, bytes32 previousRoot, ...,
 * bytes32 auditHead). */
export const ROOT_ANCHORED_TOPIC: string = ANCHOR_LOOKUP_INTERFACE.getEvent('RootAnchored')!.topicHash;

/**
 * topic0 of the RootAnchored event before it carried the audit head:
 * keccak256("RootAnchored(bytes32,address,bytes32,uint64,uint64,uint64)"). Contracts deployed
 * before that change stay on chain, and certificates issued against them must still verify.
 */
export const LEGACY_ROOT_ANCHORED_TOPIC = '0x099fe2ab13906316ea64ea034b1be7d2e472ea23a0bcc8451f14fa515db45dfa';

/** The legacy RootAnchored layout, to read the words of events from contracts deployed before it changed. */
export const LEGACY_ROOT_ANCHORED_INTERFACE = new Interface([
  'event RootAnchored(bytes32 indexed root, address indexed submitter, bytes32 previousRoot, uint64 firstSequence, uint64 leafCount, uint64 blockTime)',
]);
