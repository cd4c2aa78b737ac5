'use client';

import { useEffect, useState } from 'react';
import { createAnchorLookup } from '@/lib/chain/create-anchor-lookup';
import { readCertificateFile } from '@/lib/certificates/read-certificate-file';
import { fromHex } from '@/lib/hex';
import { createRevocationLookup } from '@/lib/verify/create-revocation-lookup';
import { verifyCertificate } from '@/lib/verify/verify-certificate';
import type { VerificationReport } from '@/lib/verify/verification-report';
import { ISSUER_DOCUMENT_PATH } from '@/lib/verify/issuer-document';
import { sha256File } from '../_components/sha256-file';

const CHECK_LABELS: Record<string, string> = {
  'certificate-format': '证书格式 Certificate format',
  'file-hash': '文件哈希 File hash',
  leaf: 'Merkle 叶子 Leaf',
  'inclusion-proof': '包含证明 Inclusion proof',
  'chain-anchor': '链上锚定 Anchored on chain',
  signature: '平台签名 Platform signature',
  revocation: '吊销状态 Revocation status',
};

const STATUS_STYLE = {
  pass: 'bg-emerald-100 text-emerald-800',
  fail: 'bg-red-100 text-red-800',
  skipped: 'bg-slate-100 text-slate-600',
};

export function VerifyPanel() {
  const [certificateFile, setCertificateFile] = useState<File | null>(null);
  const [linkedCertificate, setLinkedCertificate] = useState<{ serial: string; certificate: unknown } | null>(null);
  const [originalFile, setOriginalFile] = useState<File | null>(null);
  const [rpcUrl, setRpcUrl] = useState('');
  const [trustedIssuer, setTrustedIssuer] = useState('');
  const [checkRevocation, setCheckRevocation] = useState(true);
  const [report, setReport] = useState<VerificationReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setRpcUrl(new URL('/api/v1/chain-rpc', window.location.origin).href);
    fetch(ISSUER_DOCUMENT_PATH)
      .then((r) => (r.ok ? r.json() : null))
      .then((issuer: { address?: string } | null) => issuer?.address && setTrustedIssuer(issuer.address))
      .catch(() => undefined);
    // The QR code on a PDF opens /verify?cert=<serial>.
    const serial = new URLSearchParams(window.location.search).get('cert');
    if (serial) {
      fetch(`/api/v1/certificates/${encodeURIComponent(serial)}`)
        .then(async (r) => {
          if (!r.ok) throw new Error(`证书 ${serial} 未找到。Certificate ${serial} was not found here.`);
          setLinkedCertificate({ serial, certificate: await r.json() });
        })
        .catch((e: Error) => setError(e.message));
    }
  }, []);

  async function runVerification() {
    setReport(null);
    setError(null);
    if (!certificateFile && !linkedCertificate) {
      setError('请选择证书文件。Choose a certificate file (JSON or PDF).');
      return;
    }
    setBusy(true);
    try {
      let certificate: unknown;
      try {
        certificate = certificateFile
          ? await readCertificateFile(new Uint8Array(await certificateFile.arrayBuffer()))
          : linkedCertificate!.certificate;
      } catch (e) {
        setError(`无法读取证书 Cannot read the certificate: ${(e as Error).message}`);
        return;
      }
      const fileSha256 = originalFile ? fromHex(await sha256File(originalFile), 32) : undefined;
      const chain = rpcUrl.trim() ? createAnchorLookup({ rpcUrl: rpcUrl.trim() }) : undefined;
      const issuer = trustedIssuer.trim().toLowerCase();
      try {
        setReport(
          await verifyCertificate({
            certificate,
            fileSha256,
            chain,
            trustedIssuers: issuer ? [issuer] : undefined,
            revocation: checkRevocation ? createRevocationLookup({ baseUrl: window.location.origin }) : undefined,
          }),
        );
      } finally {
        chain?.close();
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-5">
      <div className="grid gap-4 rounded-lg bg-white p-5 shadow-sm md:grid-cols-2">
        <label className="block space-y-1 text-sm">
          <span className="font-medium">证书 Certificate (JSON / PDF)</span>
          {linkedCertificate && !certificateFile && (
            <span data-testid="linked-certificate" className="mono block text-xs text-slate-600">
              {linkedCertificate.serial}
            </span>
          )}
          <input
            type="file"
            accept=".json,.pdf,application/json,application/pdf"
            aria-label="证书 Certificate"
            onChange={(e) => setCertificateFile(e.target.files?.[0] ?? null)}
            className="block w-full text-sm"
          />
        </label>
        <label className="block space-y-1 text-sm">
          <span className="font-medium">原始文件（可选）Original file (optional)</span>
          <input
            type="file"
            aria-label="原始文件 Original file"
            onChange={(e) => setOriginalFile(e.target.files?.[0] ?? null)}
            className="block w-full text-sm"
          />
        </label>
        <label className="block space-y-1 text-sm md:col-span-2">
          <span className="font-medium">链节点 RPC Chain RPC URL</span>
          <input
            type="url"
            value={rpcUrl}
            aria-label="链节点 RPC Chain RPC URL"
            onChange={(e) => setRpcUrl(e.target.value)}
            className="mono block w-full rounded border border-slate-300 px-2 py-1 text-sm"
          />
        </label>
        <label className="block space-y-1 text-sm md:col-span-2">
          <span className="font-medium">受信任签发方地址 Trusted issuer address</span>
          <input
            type="text"
            value={trustedIssuer}
            aria-label="受信任签发方 Trusted issuer"
            onChange={(e) => setTrustedIssuer(e.target.value)}
            className="mono block w-full rounded border border-slate-300 px-2 py-1 text-sm"
          />
        </label>
        <label className="flex items-center gap-2 text-sm md:col-span-2">
          <input type="checkbox" checked={checkRevocation} onChange={(e) => setCheckRevocation(e.target.checked)} />
          在线查询吊销状态 Check revocation online with this platform
        </label>
        <div className="md:col-span-2">
          <button
            type="button"
            onClick={runVerification}
            disabled={busy}
            className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
          >
            {busy ? '核验中… Verifying…' : '核验 Verify'}
          </button>
        </div>
      </div>

      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {error}
        </p>
      )}

      {report && (
        <section className="space-y-3" data-testid="verification-report" data-valid={String(report.valid)}>
          <p
            className={`rounded-md p-3 font-semibold ${report.valid ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}
          >
            {report.valid ? '核验通过 VALID: every check passed.' : '核验失败 INVALID: see the failed check below.'}
          </p>
          <ul className="space-y-2">
            {report.checks.map((check) => (
              <li
                key={check.id}
                data-testid={`check-${check.id}`}
                data-status={check.status}
                className="rounded-lg bg-white p-4 shadow-sm"
              >
                <div className="flex items-center justify-between">
                  <span className="font-medium">{CHECK_LABELS[check.id] ?? check.id}</span>
                  <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${STATUS_STYLE[check.status]}`}>
                    {check.status}
                  </span>
                </div>
                <p className="mt-1 text-sm text-slate-700">{check.message}</p>
                {check.details && (
                  <dl className="mono mt-2 grid grid-cols-[10rem_1fr] gap-x-3 text-xs text-slate-600">
                    {Object.entries(check.details).map(([k, v]) => (
                      <div key={k} className="contents">
                        <dt>{k}</dt>
                        <dd>{v}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
