'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { createAnchorLookup } from '@/lib/proof/create-anchor-lookup';
import { CertificatePdfError } from '@/lib/proof/extract-certificate-from-pdf';
import { CertificateFileError, readCertificateFile } from '@/lib/proof/read-certificate-file';
import { fromHex } from '@/lib/proof/hex';
import { describeCheckDetails, describeVerificationCheck } from '@/lib/i18n/describe-verification-check';
import { createRevocationLookup } from '@/lib/proof/create-revocation-lookup';
import { verifyCertificate } from '@/lib/proof/verify-certificate';
import type { VerificationReport } from '@/lib/proof/verification-report';
import { ISSUER_DOCUMENT_PATH } from '@/lib/proof/issuer-document';
import { sha256File } from '../_components/sha256-file';
import { SignedSubject } from './signed-subject';
import { SIGNED_SUBJECT_DETAIL_KEYS } from '@/lib/proof/check-signature';

/** The signature check's details without the signed subject, which the panel above shows whole. */
function detailsShown(details: Record<string, string>): Record<string, string> {
  const subjectKeys: readonly string[] = SIGNED_SUBJECT_DETAIL_KEYS;
  return Object.fromEntries(Object.entries(details).filter(([key]) => !subjectKeys.includes(key)));
}

/** Why the certificate could not be read, in the reader's language; an error the message files do
 * not know keeps its English message. */
function unreadableReason(error: unknown, t: ReturnType<typeof useTranslations<'verify'>>): string {
  if ((error instanceof CertificateFileError || error instanceof CertificatePdfError) && t.has(`unreadableReasons.${error.problem}`)) {
    return t(`unreadableReasons.${error.problem}`, error.params);
  }
  return (error as Error).message;
}

const STATUS_STYLE = {
  pass: 'bg-emerald-100 text-emerald-800',
  fail: 'bg-red-100 text-red-800',
  skipped: 'bg-slate-100 text-slate-600',
};

export function VerifyPanel() {
  const t = useTranslations('verify');
  const format = useFormatter();
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
          if (!r.ok) return setError(t('linkedNotFound', { serial }));
          setLinkedCertificate({ serial, certificate: await r.json() });
        })
        .catch(() => setError(t('linkedFailed', { serial })));
    }
    // Runs once on load; t is stable for the page's language.
  }, []);

  async function runVerification() {
    setReport(null);
    setError(null);
    if (!certificateFile && !linkedCertificate) {
      setError(t('chooseCertificate'));
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
        setError(t('unreadable', { reason: unreadableReason(e, t) }));
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
      setError(t('failed', { reason: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-5">
      <div className="grid gap-4 rounded-lg bg-white p-5 shadow-sm md:grid-cols-2">
        <label className="block space-y-1 text-sm">
          <span className="font-medium">{t('certificate')}</span>
          {linkedCertificate && !certificateFile && (
            <span data-testid="linked-certificate" className="mono block text-xs text-slate-600">
              {linkedCertificate.serial}
            </span>
          )}
          <input
            type="file"
            accept=".json,.pdf,application/json,application/pdf"
            aria-label={t('certificate')}
            onChange={(e) => setCertificateFile(e.target.files?.[0] ?? null)}
            className="block w-full text-sm"
          />
        </label>
        <label className="block space-y-1 text-sm">
          <span className="font-medium">{t('originalFile')}</span>
          <input
            type="file"
            aria-label={t('originalFile')}
            onChange={(e) => setOriginalFile(e.target.files?.[0] ?? null)}
            className="block w-full text-sm"
          />
        </label>
        <label className="block space-y-1 text-sm md:col-span-2">
          <span className="font-medium">{t('rpcUrl')}</span>
          <input
            type="url"
            value={rpcUrl}
            aria-label={t('rpcUrl')}
            onChange={(e) => setRpcUrl(e.target.value)}
            className="mono block w-full rounded border border-slate-300 px-2 py-1 text-sm"
          />
        </label>
        <label className="block space-y-1 text-sm md:col-span-2">
          <span className="font-medium">{t('trustedIssuer')}</span>
          <input
            type="text"
            value={trustedIssuer}
            aria-label={t('trustedIssuer')}
            onChange={(e) => setTrustedIssuer(e.target.value)}
            className="mono block w-full rounded border border-slate-300 px-2 py-1 text-sm"
          />
        </label>
        <label className="flex items-center gap-2 text-sm md:col-span-2">
          <input type="checkbox" checked={checkRevocation} onChange={(e) => setCheckRevocation(e.target.checked)} />
          {t('checkRevocation')}
        </label>
        <div className="md:col-span-2">
          <button
            type="button"
            onClick={runVerification}
            data-testid="verify-button"
            disabled={busy}
            className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50"
          >
            {busy ? t('verifying') : t('verify')}
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
            {report.valid ? t('valid') : t('invalid')}
          </p>
          <SignedSubject report={report} />
          <ul className="space-y-2">
            {report.checks.map((check) => (
              <li
                key={check.id}
                data-testid={`check-${check.id}`}
                data-status={check.status}
                className="min-w-0 rounded-lg bg-white p-4 shadow-sm [overflow-wrap:anywhere]"
              >
                <div className="flex items-center justify-between gap-2">
                  <span className="font-medium">{t(`checks.${check.id}`)}</span>
                  <span className={`whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ${STATUS_STYLE[check.status]}`}>
                    {t(`status.${check.status}`)}
                  </span>
                </div>
                <p className="mt-1 text-sm text-slate-700">{describeVerificationCheck(check, t, format) ?? check.message}</p>
                {check.details && (
                  <dl className="mt-2 grid grid-cols-[minmax(0,8rem)_minmax(0,1fr)] gap-x-3 text-xs text-slate-600 sm:grid-cols-[10rem_minmax(0,1fr)]">
                    {describeCheckDetails(detailsShown(check.details), t, format).map(({ key, label, value }) => (
                      <div key={key} className="contents">
                        <dt>{label}</dt>
                        <dd className="mono break-all">{value}</dd>
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
