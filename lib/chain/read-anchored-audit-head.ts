// Reads the audit log head that was anchored with a root, from the chain alone: the contract's
// storage says in which block the root was anchored, and that block's RootAnchored event carries the
// head. Nothing comes from the database, so a rewritten audit log cannot also rewrite this answer.
import { getAddress } from 'ethers';
import type { RpcConnection } from './connect-chain';
import { ROOT_ANCHORED_TOPIC } from '../proof/anchor-contract-abi';
import { EVIDENCE_ANCHOR_INTERFACE } from './anchor-abi';
import { findAnchor } from '../proof/find-anchor';
import { toChainError } from '../proof/to-chain-error';
import { toHex } from '../proof/hex';

export interface AnchoredAuditHead {
  blockNumber: bigint;
  /** Lowercase 0x-hex; 32 zero bytes when the batch was sealed before the log had an entry. */
  auditHead: string;
}

/** Null when the root is not anchored on this contract. */
export async function readAnchoredAuditHead(
  { provider, rpcUrl }: RpcConnection,
  contractAddress: string,
  root: Uint8Array,
): Promise<AnchoredAuditHead | null> {
  const contract = getAddress(contractAddress).toLowerCase();
  const anchor = await findAnchor({ provider, rpcUrl }, contract, root);
  if (!anchor) return null;
  let logs;
  try {
    logs = await provider.getLogs({
      address: contract,
      topics: [ROOT_ANCHORED_TOPIC, toHex(root)],
      fromBlock: anchor.blockNumber,
      toBlock: anchor.blockNumber,
    });
  } catch (error) {
    throw toChainError(error, rpcUrl);
  }
  // A root is anchored once (the contract refuses it again), so its block holds exactly one such log.
  const log = logs[0];
  if (!log) {
    throw new Error(
      `Root ${toHex(root)} is anchored in block ${anchor.blockNumber} of ${contract}, ` +
        'but the node returns no RootAnchored log for it. Is it a pruned node?',
    );
  }
  const parsed = EVIDENCE_ANCHOR_INTERFACE.parseLog(log)!;
  return { blockNumber: anchor.blockNumber, auditHead: String(parsed.args.getValue('auditHead')).toLowerCase() };
}
