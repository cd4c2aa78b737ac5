// The spine end to end on real parts: ingest → seal → anchor on the local chain → certificate →
// verification against the chain; then chain outage, restart, and a second sealer.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate } from '../certificates/issue-certificate';
import { loadIssuer } from '../certificates/load-issuer';
import { closeChain, connectChain } from '../chain/connect-chain';
import { createAnchorLookup } from '../proof/create-anchor-lookup';
import { ChainUnavailableError } from '../proof/chain-errors';
import { LOCAL_CHAIN_DEV_PRIVATE_KEY } from '../chain/start-local-chain';

const LOCAL_CHAIN_DEV_ADDRESS = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
import { findAnchor } from '../proof/find-anchor';
import { ingestMultipartUpload } from '../evidence/ingest-multipart-upload';
import { getEvidence } from '../evidence/get-evidence';
import { toHex } from '../proof/hex';
import { startTestServices, type TestServices } from '../testing/start-test-services';
import { startTcpProxy } from '../testing/tcp-proxy';
import { anchorUntilFinal } from '../testing/anchor-until-final';
import { verifyCertificate } from '../proof/verify-certificate';
import { sealPendingEvidence } from './seal-pending-evidence';

let services: TestServices;

beforeAll(async () => {
  services = await startTestServices();
});

afterAll(async () => {
  await services?.stop();
});

function multipart(fileName: string, content: Buffer, sha256?: string) {
  const form = new FormData();
  if (sha256) form.append('sha256', sha256);
  form.append('file', new Blob([new Uint8Array(content)]), fileName);
  const request = new Request('http://localhost/upload', { method: 'POST', body: form });
  return {
    contentType: request.headers.get('content-type'),
    body: Readable.fromWeb(request.body as never),
  };
}

async function upload(fileName: string, content: Buffer) {
  const sha256 = '0x' + createHash('sha256').update(content).digest('hex');
  return ingestMultipartUpload({
    prisma: services.prisma,
    storageDir: services.config.storageDir,
    maxBytes: services.config.maxUploadBytes,
    contentLength: null,
    ...multipart(fileName, content, sha256),
  });
}

async function anchorAll() {
  return anchorUntilFinal({ prisma: services.prisma, chain: services.chain, contractAddress: services.contractAddress });
}

describe('notarizing files', () => {
  it('anchors uploaded files in one batch whose certificates verify against the chain', async () => {
    const files = ['loan-contract.pdf', 'repayments.csv', 'notice.txt'].map((name, i) => ({
      name,
      content: Buffer.from(`${name} content ${i} ${Date.now()}`),
    }));
    const uploaded = [];
    for (const f of files) uploaded.push(await upload(f.name, f.content));
    for (const item of uploaded) {
      expect((await getEvidence({ prisma: services.prisma, evidenceId: item.id, viewer: null })).status).toBe('pending');
    }

    const batch = await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 1000 });
    expect(batch?.leafCount).toBe(3);
    expect((await getEvidence({ prisma: services.prisma, evidenceId: uploaded[0].id, viewer: null })).status).toBe('anchoring');
    expect(await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 1000 })).toBeNull();

    const nonceBefore = await services.chain.provider.getTransactionCount(LOCAL_CHAIN_DEV_ADDRESS);
    const outcome = await anchorAll();
    expect(outcome).toMatchObject({ signed: 1, finalBatches: 1, reverted: 0 });
    // One transaction anchors the whole batch.
    expect(await services.chain.provider.getTransactionCount(LOCAL_CHAIN_DEV_ADDRESS)).toBe(nonceBefore + 1);
    const onChain = await findAnchor(services.chain, services.contractAddress, toHex(batch!.root));
    expect(onChain?.leafCount).toBe(3n);

    const lookup = createAnchorLookup({ rpcUrl: services.chainRpcUrl });
    for (const [i, item] of uploaded.entries()) {
      const view = await getEvidence({ prisma: services.prisma, evidenceId: item.id, viewer: null });
      expect(view.status).toBe('anchored');
      expect(view.anchor?.blockNumber).toBe(onChain!.blockNumber.toString());

      const certificate = await issueCertificate({ prisma: services.prisma, evidenceId: item.id, issuer: await loadIssuer(services.config) });
      expect(certificate.proof).toMatchObject({ leafIndex: i, treeSize: 3, root: toHex(batch!.root) });
      const fileSha256 = new Uint8Array(createHash('sha256').update(files[i].content).digest());
      const issuer = await loadIssuer(services.config);
      const report = await verifyCertificate({ certificate, fileSha256, chain: lookup, trustedIssuers: [issuer.address] });
      expect(report.checks.map((c) => [c.id, c.status])).toEqual([
        ['certificate-format', 'pass'],
        ['file-hash', 'pass'],
        ['leaf', 'pass'],
        ['inclusion-proof', 'pass'],
        ['chain-anchor', 'pass'],
        ['signature', 'pass'],
        ['revocation', 'skipped'],
        ['timestamp', 'skipped'], // not timestamped here: a version 1 certificate
      ]);
      expect(report.valid).toBe(true);

      const tampered = await verifyCertificate({
        certificate,
        fileSha256: new Uint8Array(createHash('sha256').update('not the file').digest()),
        chain: lookup,
      });
      expect(tampered.valid).toBe(false);
      expect(tampered.checks.find((c) => c.id === 'file-hash')?.status).toBe('fail');
    }
  });

  it('keeps sealed batches when the chain is down and anchors them once it is back', async () => {
    const item = await upload('outage.txt', Buffer.from(`during outage ${Date.now()}`));
    const batch = await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 1000 });
    expect(batch).not.toBeNull();

    const proxy = await startTcpProxy({ targetPort: Number(new URL(services.chainRpcUrl).port) });
    const chain = await connectChain({ rpcUrl: proxy.url, privateKey: LOCAL_CHAIN_DEV_PRIVATE_KEY });
    try {
      await proxy.cut();
      const failed = await anchorUntilFinal({ prisma: services.prisma, chain, contractAddress: services.contractAddress });
      expect(failed.finalBatches).toBe(0);
      expect(failed.error).toBeInstanceOf(ChainUnavailableError);
      // Ingest does not depend on the chain.
      const duringOutage = await upload('outage-2.txt', Buffer.from(`still accepted ${Date.now()}`));
      expect((await getEvidence({ prisma: services.prisma, evidenceId: duringOutage.id, viewer: null })).status).toBe('pending');
      expect((await getEvidence({ prisma: services.prisma, evidenceId: item.id, viewer: null })).status).toBe('anchoring');
      expect(await services.prisma.batch.findUniqueOrThrow({ where: { id: batch!.id } })).toMatchObject({ status: 'sealed' });
      expect(await findAnchor(services.chain, services.contractAddress, toHex(batch!.root))).toBeNull();

      await proxy.restore();
      await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 1000 });
      const recovered = await anchorUntilFinal({ prisma: services.prisma, chain, contractAddress: services.contractAddress });
      expect(recovered).toMatchObject({ finalBatches: 2, reverted: 0 });
      expect((await getEvidence({ prisma: services.prisma, evidenceId: item.id, viewer: null })).status).toBe('anchored');
      expect((await getEvidence({ prisma: services.prisma, evidenceId: duringOutage.id, viewer: null })).status).toBe('anchored');
    } finally {
      closeChain(chain);
      await proxy.close();
    }
  });

  it('lets only one of two concurrent sealers seal the same pending items', async () => {
    for (let i = 0; i < 20; i++) await upload(`concurrent-${i}.txt`, Buffer.from(`concurrent ${i} ${Date.now()}`));
    const before = await services.prisma.batch.count();
    const results = await Promise.all([
      sealPendingEvidence({ prisma: services.prisma, maxLeaves: 1000 }),
      sealPendingEvidence({ prisma: services.prisma, maxLeaves: 1000 }),
    ]);
    const sealed = results.filter((r) => r !== null);
    expect(sealed.length).toBeGreaterThanOrEqual(1);
    expect(sealed.reduce((n, b) => n + b!.leafCount, 0)).toBe(20);
    expect(await services.prisma.batch.count()).toBe(before + sealed.length);
    expect(await anchorAll()).toMatchObject({ finalBatches: sealed.length });
  });

  it('splits a backlog larger than the batch cap into several batches', async () => {
    for (let i = 0; i < 5; i++) await upload(`cap-${i}.txt`, Buffer.from(`cap ${i} ${Date.now()}`));
    const first = await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 2 });
    const second = await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 2 });
    const third = await sealPendingEvidence({ prisma: services.prisma, maxLeaves: 2 });
    expect([first?.leafCount, second?.leafCount, third?.leafCount]).toEqual([2, 2, 1]);
    expect(second!.firstSequence).toBeGreaterThan(first!.lastSequence);
    expect(await anchorAll()).toMatchObject({ finalBatches: 3 });
    // Each anchor names the member's previous root: the batches form one chain.
    const chained = await services.prisma.batch.findMany({ where: { id: { in: [first!.id, second!.id, third!.id] } }, orderBy: { nonce: 'asc' } });
    expect(toHex(chained[1].previousRoot!)).toBe(toHex(chained[0].root));
    expect(toHex(chained[2].previousRoot!)).toBe(toHex(chained[1].root));
  });
});
