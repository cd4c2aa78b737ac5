// What the relay forwards, seen by a node stand-in that records each request: only read methods,
// eth_call's gas capped, eth_getLogs' range bounded.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../errors';
import { RELAY_MAX_CALL_GAS, relayReadOnlyRpc } from './relay-read-only-rpc';

let server: http.Server;
let rpcUrl: string;
const received: unknown[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push(JSON.parse(body));
      response.setHeader('content-type', 'application/json');
      response.end('{"jsonrpc":"2.0","id":1,"result":"0x"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rpcUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => server.close());

const call = (method: string, params: unknown[]) => JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });

describe('the chain relay', () => {
  it('caps eth_call gas at its limit, and sets it when the caller gave none', async () => {
    await relayReadOnlyRpc({ rpcUrl, body: call('eth_call', [{ to: '0x' + '1'.repeat(40), data: '0x', gas: '0x1c9c380' }, 'latest']) });
    await relayReadOnlyRpc({ rpcUrl, body: call('eth_call', [{ to: '0x' + '1'.repeat(40), data: '0x' }, 'latest']) });
    await relayReadOnlyRpc({ rpcUrl, body: call('eth_call', [{ to: '0x' + '1'.repeat(40), data: '0x', gas: '0x5208' }, 'latest']) });
    const gas = received.slice(-3).map((request) => (request as { params: [{ gas: string }] }).params[0].gas);
    expect(gas).toEqual([`0x${RELAY_MAX_CALL_GAS.toString(16)}`, `0x${RELAY_MAX_CALL_GAS.toString(16)}`, '0x5208']);
  });

  it('relays eth_getLogs only over a bounded block range or one block hash', async () => {
    await relayReadOnlyRpc({ rpcUrl, body: call('eth_getLogs', [{ fromBlock: '0x1', toBlock: '0x10' }]) });
    await relayReadOnlyRpc({ rpcUrl, body: call('eth_getLogs', [{ blockHash: '0x' + 'a'.repeat(64) }]) });
    for (const filter of [{ fromBlock: '0x0', toBlock: 'latest' }, { fromBlock: '0x0', toBlock: '0x2710' }, {}, { fromBlock: '0x10', toBlock: '0x1' }]) {
      await expect(relayReadOnlyRpc({ rpcUrl, body: call('eth_getLogs', [filter]) })).rejects.toBeInstanceOf(InvalidRequestError);
    }
  });

  it('refuses methods that write', async () => {
    await expect(relayReadOnlyRpc({ rpcUrl, body: call('eth_sendRawTransaction', ['0x00']) })).rejects.toBeInstanceOf(InvalidRequestError);
  });
});
