// Turns the failures of an RPC request into domain errors: a node that does not answer becomes
// ChainUnavailableError, everything else is left for the caller to interpret.
import { isError } from 'ethers';
import { DomainError } from './domain-error';
import { ChainUnavailableError } from './chain-errors';

export function toChainError(error: unknown, rpcUrl: string): unknown {
  if (error instanceof DomainError) return error;
  if (isError(error, 'TIMEOUT')) {
    return new ChainUnavailableError(rpcUrl, 'it did not answer within the request timeout', { cause: error });
  }
  if (isError(error, 'NETWORK_ERROR')) {
    return new ChainUnavailableError(rpcUrl, `the connection failed (${error.shortMessage})`, { cause: error });
  }
  if (isError(error, 'SERVER_ERROR')) {
    const status = error.response ? `HTTP ${error.response.statusCode}` : error.shortMessage;
    return new ChainUnavailableError(rpcUrl, `it answered with an error (${status})`, { cause: error });
  }
  return error;
}
