// The EvidenceAnchor contract's interface and creation code, from the checked-in compiler artifact
// (contracts/compile.ts writes it; its test keeps it in step with the Solidity source).
import { Interface, type InterfaceAbi } from 'ethers';
import artifact from '../../contracts/artifacts/EvidenceAnchor.json';

export const EVIDENCE_ANCHOR_ABI: InterfaceAbi = artifact.abi;

/** Creation bytecode (evmVersion paris: no PUSH0), lowercase 0x-hex. */
export const EVIDENCE_ANCHOR_BYTECODE: string = artifact.bytecode;

/** Runtime bytecode as deployed (no immutables, so identical for every deployment). */
export const EVIDENCE_ANCHOR_DEPLOYED_BYTECODE: string = artifact.deployedBytecode;

export const EVIDENCE_ANCHOR_INTERFACE = new Interface(EVIDENCE_ANCHOR_ABI);

/** topic0 of RootAnchored(bytes32 indexed root, address indexed submitter, bytes32 previousRoot, ...,
 * bytes32 auditHead). */
export const ROOT_ANCHORED_TOPIC: string = EVIDENCE_ANCHOR_INTERFACE.getEvent('RootAnchored')!.topicHash;

/**
 * topic0 of the RootAnchored event before it carried the audit head:
 * keccak256("RootAnchored(bytes32,address,bytes32,uint64,uint64,uint64)"). Contracts deployed
 * before that change stay on chain, and certificates issued against them must still verify.
 */
export const LEGACY_ROOT_ANCHORED_TOPIC = '0x099fe2ab13906316ea64ea034b1be7d2e472ea23a0bcc8451f14fa515db45dfa';
