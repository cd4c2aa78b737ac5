// Asks the anchor contract whether an address is a consortium member, i.e. may anchor.
import { getAddress, type JsonRpcProvider } from 'ethers';
import { EVIDENCE_ANCHOR_INTERFACE } from './anchor-abi';
import { toChainError } from './to-chain-error';

export async function readIsMember(provider: JsonRpcProvider, contractAddress: string, account: string): Promise<boolean> {
  try {
    const result = await provider.call({
      to: getAddress(contractAddress),
      data: EVIDENCE_ANCHOR_INTERFACE.encodeFunctionData('isMember', [getAddress(account)]),
    });
    const [member] = EVIDENCE_ANCHOR_INTERFACE.decodeFunctionResult('isMember', result) as unknown as [boolean];
    return member;
  } catch (error) {
    throw toChainError(error, provider._getConnection().url);
  }
}
