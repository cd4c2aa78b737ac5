// Reads one root's anchor from the contract's storage (getAnchor), the chain's own record of when
// the root was anchored, by which member, and after which of that member's roots.
import { getAddress, getBytes, hexlify, isCallException, type JsonRpcProvider } from 'ethers';
import type { ReadOnlyChainConnection } from './connect-read-only-chain';
import type { AnchorOnChain } from './anchor-lookup';
import { ANCHOR_LOOKUP_INTERFACE } from './anchor-contract-abi';
import { ContractNotDeployedError } from './chain-errors';
import { toChainError } from './to-chain-error';

/** Null when the root was never anchored; ContractNotDeployedError when no anchor contract is there. */
export async function findAnchor(
  { provider, rpcUrl }: Pick<ReadOnlyChainConnection, 'provider' | 'rpcUrl'>,
  contractAddress: string,
  root: Uint8Array | string,
): Promise<AnchorOnChain | null> {
  const contract = getAddress(contractAddress).toLowerCase();
  const rootBytes = getBytes(root, 'root');
  if (rootBytes.length !== 32) throw new RangeError(`root must be 32 bytes, got ${rootBytes.length}.`);

  let result: string;
  try {
    result = await provider.call({
      to: contract,
      data: ANCHOR_LOOKUP_INTERFACE.encodeFunctionData('getAnchor', [hexlify(rootBytes)]),
    });
  } catch (error) {
    // getAnchor never reverts, so a revert means some other contract lives at that address.
    if (isCallException(error)) throw await notDeployed(provider, contract);
    throw toChainError(error, rpcUrl);
  }
  let fields;
  try {
    fields = ANCHOR_LOOKUP_INTERFACE.decodeFunctionResult('getAnchor', result);
  } catch {
    // An address without code answers "0x"; another contract may answer anything.
    throw await notDeployed(provider, contract);
  }
  const [blockNumber, blockTime, firstSequence, leafCount, submitter, previousRoot] = fields as unknown as [
    bigint,
    bigint,
    bigint,
    bigint,
    string,
    string,
  ];
  if (blockNumber === 0n) return null;
  return {
    blockNumber,
    blockTime,
    firstSequence,
    leafCount,
    submitter: submitter.toLowerCase(),
    previousRoot: previousRoot.toLowerCase(),
  };
}

async function notDeployed(provider: JsonRpcProvider, contract: string): Promise<ContractNotDeployedError> {
  const { chainId } = await provider.getNetwork();
  return new ContractNotDeployedError(contract, chainId);
}
