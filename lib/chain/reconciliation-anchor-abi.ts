// The ReconciliationAnchor contract's interface and creation code, from the checked-in compiler
// artifact (contracts/compile.ts writes it; its test keeps it in step with the Solidity source).
import { Interface, type InterfaceAbi } from 'ethers';
import artifact from '../../contracts/artifacts/ReconciliationAnchor.json';

export const RECONCILIATION_ANCHOR_ABI: InterfaceAbi = artifact.abi;

/** Creation bytecode (evmVersion paris: no PUSH0), lowercase 0x-hex; the constructor takes the
 * EvidenceAnchor address. */
export const RECONCILIATION_ANCHOR_BYTECODE: string = artifact.bytecode;

/** Runtime bytecode as deployed (no immutables, so identical for every deployment). */
export const RECONCILIATION_ANCHOR_DEPLOYED_BYTECODE: string = artifact.deployedBytecode;

export const RECONCILIATION_ANCHOR_INTERFACE = new Interface(RECONCILIATION_ANCHOR_ABI);
