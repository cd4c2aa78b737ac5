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
