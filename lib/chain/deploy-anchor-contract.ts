// Deploys a fresh EvidenceAnchor from the checked-in artifact with its founding members (by default
// the signer alone); from then on a majority of the members decides membership. Used for the
// embedded dev chain and by operators bootstrapping a consortium chain.
import { getAddress, ZeroAddress } from 'ethers';
import type { ChainConnection } from './connect-chain';
import { EVIDENCE_ANCHOR_BYTECODE, EVIDENCE_ANCHOR_INTERFACE } from './anchor-abi';
import { describeError } from './describe-error';
import { AnchorTransactionFailedError, ChainUnavailableError } from '../proof/chain-errors';
import { toChainError } from '../proof/to-chain-error';
import { waitForReceipt } from './wait-for-receipt';

export interface DeployedAnchorContract {
  /** Lowercase 0x-hex. */
  address: string;
  txHash: string;
  blockNumber: bigint;
}

export async function deployAnchorContract(
  connection: ChainConnection,
  {
    initialMembers = [],
    receiptTimeoutMs = 60_000,
  }: {
    /** Addresses of the founding members; empty (the default) makes the signer the only member. */
    initialMembers?: string[];
    receiptTimeoutMs?: number;
  } = {},
): Promise<DeployedAnchorContract> {
  const { signer, rpcUrl } = connection;
  if (!signer) throw new TypeError('deployAnchorContract needs a chain connection opened with a private key.');
  const members = initialMembers.map((member, i) => {
    let address: string;
    try {
      address = getAddress(member);
    } catch {
      throw new RangeError(
        `initialMembers[${i}] must be a 20-byte 0x-hex address (lowercase, or with a valid EIP-55 checksum), got ${JSON.stringify(member)}.`,
      );
    }
    if (address === ZeroAddress) throw new RangeError(`initialMembers[${i}] is the zero address, which can never send a transaction.`);
    return address;
  });
  const duplicate = members.find((member, i) => members.indexOf(member) !== i);
  if (duplicate) throw new RangeError(`initialMembers lists ${duplicate.toLowerCase()} twice.`);
  const constructorArguments = EVIDENCE_ANCHOR_INTERFACE.encodeDeploy([members]).slice(2);

  let txHash: string;
  try {
    txHash = (await signer.sendTransaction({ data: EVIDENCE_ANCHOR_BYTECODE + constructorArguments })).hash;
  } catch (error) {
    const chainError = toChainError(error, rpcUrl);
    if (chainError instanceof ChainUnavailableError) throw chainError;
    throw new AnchorTransactionFailedError({
      reason: 'rejected',
      message: `The node refused to deploy the EvidenceAnchor contract: ${describeError(error)}`,
      cause: error,
    });
  }
  const receipt = await waitForReceipt(connection, txHash, { timeoutMs: receiptTimeoutMs });
  if (receipt.status !== 1 || !receipt.contractAddress) {
    throw new AnchorTransactionFailedError({
      reason: 'reverted',
      txHash,
      message: `Deploying the EvidenceAnchor contract reverted (transaction ${txHash}). Does the chain accept paris EVM bytecode?`,
    });
  }
  return { address: receipt.contractAddress.toLowerCase(), txHash, blockNumber: BigInt(receipt.blockNumber) };
}
