// Deploys a ReconciliationAnchor from the checked-in artifact, bound to an EvidenceAnchor whose
// members it lets write (the consortium's governance stays in that one contract). Used beside the
// EvidenceAnchor deployment on the embedded dev chain and by operators bootstrapping a consortium.
import { getAddress } from 'ethers';
import type { ChainConnection } from './connect-chain';
import type { DeployedAnchorContract } from './deploy-anchor-contract';
import { describeError } from './describe-error';
import { hasContractCode } from './has-contract-code';
import { RECONCILIATION_ANCHOR_BYTECODE, RECONCILIATION_ANCHOR_INTERFACE } from './reconciliation-anchor-abi';
import { waitForReceipt } from './wait-for-receipt';
import { AnchorTransactionFailedError, ChainUnavailableError } from '../proof/chain-errors';
import { toChainError } from '../proof/to-chain-error';

export async function deployReconciliationAnchor(
  connection: ChainConnection,
  { evidenceAnchorAddress, receiptTimeoutMs = 60_000 }: { evidenceAnchorAddress: string; receiptTimeoutMs?: number },
): Promise<DeployedAnchorContract> {
  const { signer, rpcUrl } = connection;
  if (!signer) throw new TypeError('deployReconciliationAnchor needs a chain connection opened with a private key.');
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

  let txHash: string;
  try {
    txHash = (await signer.sendTransaction({ data: RECONCILIATION_ANCHOR_BYTECODE + constructorArguments })).hash;
  } catch (error) {
    const chainError = toChainError(error, rpcUrl);
    if (chainError instanceof ChainUnavailableError) throw chainError;
    throw new AnchorTransactionFailedError({
      reason: 'rejected',
      message: `The node refused to deploy the ReconciliationAnchor contract: ${describeError(error)}`,
      cause: error,
    });
  }
  const receipt = await waitForReceipt(connection, txHash, { timeoutMs: receiptTimeoutMs });
  if (receipt.status !== 1 || !receipt.contractAddress) {
    throw new AnchorTransactionFailedError({
      reason: 'reverted',
      txHash,
      message: `Deploying the ReconciliationAnchor contract reverted (transaction ${txHash}). Does the chain accept paris EVM bytecode?`,
    });
  }
  return { address: receipt.contractAddress.toLowerCase(), txHash, blockNumber: BigInt(receipt.blockNumber) };
}
