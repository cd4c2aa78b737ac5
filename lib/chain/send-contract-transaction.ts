// Sends one call to one of Evident's contracts and waits for it to be mined: simulated first (gas
// estimate), so that a refusal comes back as the contract's own custom error, explained; then signed
// offline (signContractTransaction), broadcast (broadcastRawTransaction) and followed to its receipt
// (waitForReceipt), the steps the anchoring state machine takes. For callers without an outbox of
// their own: the nonce is the node's pending count, so one sender sends one transaction at a time.
import { isCallException, type ErrorDescription, type Interface, type Wallet } from 'ethers';
import type { RpcConnection } from './connect-chain';
import { broadcastRawTransaction } from './broadcast-raw-transaction';
import { describeError } from './describe-error';
import { signContractTransaction } from './sign-contract-transaction';
import { waitForReceipt } from './wait-for-receipt';
import { AnchorTransactionFailedError, ChainUnavailableError } from '../proof/chain-errors';
import { toChainError } from '../proof/to-chain-error';

export interface SentContractTransaction {
  /** Lowercase 0x-hex. */
  txHash: string;
  blockNumber: bigint;
  blockHash: string;
}

const GAS_HEADROOM_PERCENT = 125n;

export async function sendContractTransaction(
  connection: RpcConnection & { chainId: bigint },
  signer: Wallet,
  {
    contractAddress,
    contractInterface,
    data,
    call,
    explainRevert,
    receiptTimeoutMs = 60_000,
  }: {
    contractAddress: string;
    /** The contract's interface, to decode its custom errors. */
    contractInterface: Interface;
    data: string;
    /** What is being sent, for messages: "anchorSide for bank A of pair 0x… on 2026-12-01". */
    call: string;
    explainRevert: (error: ErrorDescription) => string;
    receiptTimeoutMs?: number;
  },
): Promise<SentContractTransaction> {
  const { provider, rpcUrl, chainId } = connection;
  const from = signer.address;
  let gasEstimate: bigint;
  try {
    gasEstimate = await provider.estimateGas({ from, to: contractAddress, data });
  } catch (error) {
    const revert = isCallException(error) && error.data ? contractInterface.parseError(error.data) : null;
    if (revert) {
      throw new AnchorTransactionFailedError({
        reason: 'contract-revert',
        revertError: revert.name,
        message: `The contract at ${contractAddress.toLowerCase()} refuses ${call}: ${explainRevert(revert)}.`,
        cause: error,
      });
    }
    throw refused(error, rpcUrl, `The node refused to simulate ${call}`);
  }

  let nonce: bigint;
  let gasPrice: bigint;
  try {
    nonce = BigInt(await provider.getTransactionCount(from, 'pending'));
    gasPrice = BigInt((await provider.send('eth_gasPrice', [])) as string);
  } catch (error) {
    throw toChainError(error, rpcUrl);
  }
  const { rawTx, txHash } = await signContractTransaction(signer, {
    chainId,
    contractAddress,
    data,
    nonce,
    gasPrice,
    gasLimit: (gasEstimate * GAS_HEADROOM_PERCENT) / 100n,
  });
  await broadcastRawTransaction(connection, rawTx);
  const receipt = await waitForReceipt(connection, txHash, { timeoutMs: receiptTimeoutMs });
  if (receipt.status !== 1) {
    throw new AnchorTransactionFailedError({
      reason: 'reverted',
      txHash,
      message: `${call} reverted on chain (transaction ${txHash}) although its simulation passed: the contract's state changed in between.`,
    });
  }
  return { txHash: txHash.toLowerCase(), blockNumber: BigInt(receipt.blockNumber), blockHash: receipt.blockHash.toLowerCase() };
}

function refused(error: unknown, rpcUrl: string, what: string): Error {
  const chainError = toChainError(error, rpcUrl);
  if (chainError instanceof ChainUnavailableError) return chainError;
  return new AnchorTransactionFailedError({ reason: 'rejected', message: `${what}: ${describeError(error)}`, cause: error });
}
