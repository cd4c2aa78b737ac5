// Reads the audit log head that was anchored with a root, from the chain alone: the contract's
// storage says in which block the root was anchored, and that block's RootAnchored event carries the
// head. Nothing comes from the database, so a rewritten audit log cannot also rewrite this answer.
import { getAddress, getBytes, hexlify, type JsonRpcProvider } from 'ethers';
import { EVIDENCE_ANCHOR_INTERFACE, ROOT_ANCHORED_TOPIC } from './anchor-abi';
import { findAnchor } from './find-anchor';
import { toChainError } from './to-chain-error';

export interface AnchoredAuditHead {
  blockNumber: bigint;
  /** Lowercase 0x-hex; 32 zero bytes when the batch was sealed before the log had an entry. */
  auditHead: string;
}

/** Null when the root is not anchored on this contract. */
export async function readAnchoredAuditHead(
  provider: JsonRpcProvider,
  contractAddress: string,
  root: Uint8Array,
): Promise<AnchoredAuditHead | null> {
  const contract = getAddress(contractAddress).toLowerCase();
  const anchor = await findAnchor(provider, contract, root);
  if (!anchor) return null;
  let logs;
  try {
    logs = await provider.getLogs({
      address: contract,
      topics: [ROOT_ANCHORED_TOPIC, hexlify(getBytes(root))],
      fromBlock: anchor.blockNumber,
      toBlock: anchor.blockNumber,
    });
  } catch (error) {
    throw toChainError(error, provider._getConnection().url);
  }
  // A root is anchored once (the contract refuses it again), so its block holds exactly one such log.
  const log = logs[0];
  if (!log) {
    throw new Error(
      `Root ${hexlify(root)} is anchored in block ${anchor.blockNumber} of ${contract}, ` +
        'but the node returns no RootAnchored log for it. Is it a pruned node?',
    );
  }
  const parsed = EVIDENCE_ANCHOR_INTERFACE.parseLog(log)!;
  return { blockNumber: anchor.blockNumber, auditHead: String(parsed.args.getValue('auditHead')).toLowerCase() };
}
