// Deploys a ReconciliationAnchor from the checked-in artifact, bound to an EvidenceAnchor whose
// members it lets write (the consortium's governance stays in that one contract). Used beside the
// EvidenceAnchor deployment on the embedded dev chain and by operators bootstrapping a consortium.
import { getAddress } from 'ethers';
import type { ChainConnection } from './connect-chain';
import { deployContract, type DeployedContract } from './deploy-contract';
import { hasContractCode } from './has-contract-code';
import { RECONCILIATION_ANCHOR_BYTECODE, RECONCILIATION_ANCHOR_INTERFACE } from './reconciliation-anchor-abi';

export async function deployReconciliationAnchor(
  connection: ChainConnection,
  { evidenceAnchorAddress, receiptTimeoutMs = 60_000 }: { evidenceAnchorAddress: string; receiptTimeoutMs?: number },
): Promise<DeployedContract> {
  if (!connection.signer) throw new TypeError('deployReconciliationAnchor needs a chain connection opened with a private key.');
  let evidenceAnchor: string;
  try {
    evidenceAnchor = getAddress(evidenceAnchorAddress);
  } catch {
    throw new RangeError(
      `evidenceAnchorAddress must be a 20-byte 0x-hex address (lowercase, or with a valid EIP-55 checksum), got ${JSON.stringify(evidenceAnchorAddress)}.`,
    );
  }
  // The constructor would revert with NotAContract; said here with the chain it looked on.
  if (!(await hasContractCode(connection, evidenceAnchor))) {
    throw new RangeError(`evidenceAnchorAddress ${evidenceAnchor.toLowerCase()} holds no contract on chain ${connection.chainId}.`);
  }
  const constructorArguments = RECONCILIATION_ANCHOR_INTERFACE.encodeDeploy([evidenceAnchor]).slice(2);

  return deployContract(connection, {
    contractName: 'ReconciliationAnchor',
    creationCode: RECONCILIATION_ANCHOR_BYTECODE + constructorArguments,
    receiptTimeoutMs,
  });
}
