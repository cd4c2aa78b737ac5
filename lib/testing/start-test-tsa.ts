// Test fixture: a real RFC 3161 TSA over HTTP on a free loopback port whose answers can be broken on
// purpose, one fault at a time, to prove that the timestamping loop refuses, logs and retries every
// kind of bad answer and stores nothing unchecked. `rootPem` is what TSA_CA_CERTS trusts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { issueTimestampResponse, refuseTimestampRequest, TIMESTAMP_STATUS, type TimestampSigner } from '../timestamps/issue-timestamp-response';
import { toPem } from '../proof/pem';
import { answerTimestampRequest } from '../timestamps/start-local-tsa';
import { buildTimestampRequest, parseTimestampRequest, parseTimestampResponse } from '../proof/timestamp-protocol';
import { createTsaCredentials, importTsaPrivateKey, type TsaCredentials } from '../timestamps/tsa-credentials';

export const TEST_TSA_POLICY_OID = '1.3.6.1.4.1.99999.15.1';

/** A good RFC 3161 token over SHA-256 of `root` from `credentials`, without HTTP: for tests and the
 * vector generator that need a token in hand. */
export async function stampRoot(credentials: TsaCredentials, root: Uint8Array, serial = new Uint8Array([1])): Promise<Uint8Array> {
  const request = parseTimestampRequest((await buildTimestampRequest({ root })).der);
  const response = await issueTimestampResponse({
    imprint: request,
    nonce: request.nonce,
    certReq: true,
    signer: { certificate: credentials.tsaCertificate, privateKey: await importTsaPrivateKey(credentials.tsaPrivateKey) },
    policyOid: TEST_TSA_POLICY_OID,
    serial,
  });
  return parseTimestampResponse(response).token!;
}

export type TsaFault =
  | 'none'
  | 'rejection'
  | 'waiting'
  | 'wrong-nonce'
  | 'other-digest'
  | 'untrusted-signer'
  | 'expired-certificate'
  | 'no-eku'
  | 'non-critical-eku'
  | 'truncated'
  | 'garbage'
  | 'http-error'
  | 'hang'
  /** A good token whose genTime is an hour behind: stored, and the skew is logged. */
  | 'clock-behind';

export interface TestTsa {
  url: string;
  rootPem: string;
  /** The TSA certificate of the good signer, for `openssl ts -verify -untrusted`. */
  tsaCertificatePem: string;
  fault: TsaFault;
  /** Requests answered so far (any answer). */
  requests: number;
  stop(): Promise<void>;
}

export async function startTestTsa(): Promise<TestTsa> {
  const good = await createTsaCredentials({ name: 'Test' });
  const signers = {
    good: await signerOf(good),
    'untrusted-signer': await signerOf(await createTsaCredentials({ name: 'Stranger' })),
    'expired-certificate': await signerOf(await createTsaCredentials({ name: 'Test', validFrom: new Date('2020-01-01'), validTo: new Date('2021-01-01') })),
    'no-eku': await signerOf(await createTsaCredentials({ name: 'Test', timeStampingUsage: 'absent' })),
    'non-critical-eku': await signerOf(await createTsaCredentials({ name: 'Test', timeStampingUsage: 'non-critical' })),
  };
  let serial = 0;
  const hanging = new Set<http.ServerResponse>();

  const tsa: TestTsa = { url: '', rootPem: toPem('CERTIFICATE', good.rootCertificate), tsaCertificatePem: toPem('CERTIFICATE', good.tsaCertificate), fault: 'none', requests: 0, stop };

  async function respond(query: Uint8Array): Promise<Uint8Array> {
    const request = parseTimestampRequest(query);
    const fault = tsa.fault;
    if (fault === 'rejection') return refuseTimestampRequest({ status: TIMESTAMP_STATUS.rejection, reason: 'test TSA rejects' });
    if (fault === 'waiting') return refuseTimestampRequest({ status: TIMESTAMP_STATUS.waiting, reason: 'test TSA is busy' });
    if (fault === 'garbage') return new TextEncoder().encode('<html>not a timestamp</html>');
    const signer = fault in signers ? signers[fault as keyof typeof signers] : signers.good;
    const response = await issueTimestampResponse({
      imprint:
        fault === 'other-digest'
          ? { hashAlgorithm: '2.16.840.1.101.3.4.2.3', hashedMessage: new Uint8Array(64).fill(1) } // SHA-512 of something else
          : request,
      nonce: fault === 'wrong-nonce' ? new Uint8Array([0x12, 0x34]) : request.nonce,
      certReq: request.certReq,
      signer,
      policyOid: TEST_TSA_POLICY_OID,
      serial: new Uint8Array([0x01, ++serial & 0xff, serial >> 8]),
      genTime: fault === 'clock-behind' ? new Date(Date.now() - 3600_000) : undefined,
    });
    return fault === 'truncated' ? response.slice(0, Math.floor(response.length * 0.7)) : response;
  }

  const server = http.createServer((request, response) => {
    tsa.requests++;
    if (tsa.fault === 'http-error') {
      response.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance\n');
      return;
    }
    if (tsa.fault === 'hang') {
      hanging.add(response);
      return;
    }
    void answerTimestampRequest(request, response, respond);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tsa.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsr`;

  function stop() {
    return new Promise<void>((resolve) => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  }
  return tsa;
}

async function signerOf(credentials: TsaCredentials): Promise<TimestampSigner> {
  return { certificate: credentials.tsaCertificate, privateKey: await importTsaPrivateKey(credentials.tsaPrivateKey) };
}
