// Whether an address holds contract code: tells a configured contract address that points at
// nothing (a wiped dev chain, a wrong network) from one that is merely unanchored.
import { getAddress, type JsonRpcProvider } from 'ethers';
import { toChainError } from './to-chain-error';

export async function hasContractCode(provider: JsonRpcProvider, address: string): Promise<boolean> {
  const checked = getAddress(address);
  try {
    return (await provider.getCode(checked)) !== '0x';
  } catch (error) {
    throw toChainError(error, provider._getConnection().url);
  }
}
