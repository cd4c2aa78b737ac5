// Whether an address runs exactly this version of EvidenceAnchor: a dev chain may still hold a
// contract deployed by an older Evident, whose interface the current code cannot read.
import { getAddress, type JsonRpcProvider } from 'ethers';
import { EVIDENCE_ANCHOR_DEPLOYED_BYTECODE } from './anchor-abi';
import { toChainError } from './to-chain-error';

export async function runsCurrentAnchorContract(provider: JsonRpcProvider, address: string): Promise<boolean> {
  try {
    return (await provider.getCode(getAddress(address))).toLowerCase() === EVIDENCE_ANCHOR_DEPLOYED_BYTECODE.toLowerCase();
  } catch (error) {
    throw toChainError(error, provider._getConnection().url);
  }
}
