import { getFormatter, getTranslations } from 'next-intl/server';
import type { CaseDetail } from '@/lib/cases/get-case';
import type { ItemVerification } from '@/lib/cases/case-schemas';
import { describeVerificationCheck } from '@/lib/i18n/describe-verification-check';
import { TO_THE_SECOND } from '@/lib/i18n/locales';
import { StatusBadge } from './status-badge';
import { TableScroll } from './table-scroll';
import { isPreviewable } from '@/lib/http/attachment-disposition';
import type { CasePackageItem } from '@/lib/cases/get-case';

/** The evidence package with each item's latest Verify all result and its checks; `downloads` adds
 * links to the originals (served only after their hash re-check). */
export async function EvidencePackageTable({ detail, downloads }: { detail: CaseDetail; downloads: boolean }) {
  const t = await getTranslations('arbitration');
  const tType = await getTranslations('common.evidenceType');
  const format = await getFormatter();
  const results = new Map<string, ItemVerification>((detail.latestResults ?? []).map((r) => [r.evidenceId, r]));
  return (
    <TableScroll label={t('detail.packageTitle')}>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs whitespace-nowrap text-slate-500">
          <tr>
            <th className="px-4 py-2 font-medium">{t('detail.item.title')}</th>
            <th className="px-4 py-2 font-medium">{t('detail.item.type')}</th>
            <th className="px-4 py-2 font-medium">{t('detail.item.sha256')}</th>
            <th className="px-4 py-2 font-medium">{t('detail.item.status')}</th>
            <th className="px-4 py-2 font-medium">{t('detail.item.anchoring')}</th>
            <th className="px-4 py-2 font-medium">{t('detail.item.result')}</th>
            {downloads ? <th className="px-4 py-2 font-medium">{t('detail.item.original')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {detail.evidence.map((item) => {
            const result = results.get(item.id);
            return (
              <tr key={item.id} data-testid="package-item" data-evidence-id={item.id} className="border-b border-slate-100 align-top last:border-0">
                <td className="px-4 py-2">
                  <div className="font-medium">{item.title ?? t('detail.item.untitled')}</div>
                  <div className="text-xs text-slate-500">{item.fileName}</div>
                </td>
                <td className="px-4 py-2 whitespace-nowrap">{item.evidenceType ? tType(item.evidenceType) : '—'}</td>
                <td className="max-w-48 px-4 py-2 font-mono text-xs break-all">{item.sha256}</td>
                <td className="px-4 py-2">
                  <StatusBadge status={item.status} />
                </td>
                <td className="px-4 py-2 text-xs" data-testid="item-anchoring">
                  {item.anchoring.certificateSerial || item.anchoring.blockNumber ? (
                    <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
                      <dt className="text-slate-500">{t('detail.item.certificate')}</dt>
                      <dd className="font-mono break-all" data-testid="item-certificate-serial">
                        {item.anchoring.certificateSerial ?? '—'}
                        {item.anchoring.certificateRevoked ? <span className="ml-1 text-red-700">{t('detail.item.revoked')}</span> : null}
                      </dd>
                      <dt className="text-slate-500">{t('detail.item.block')}</dt>
                      <dd className="font-mono" data-testid="item-block-number">{item.anchoring.blockNumber ?? '—'}</dd>
                      <dt className="text-slate-500">{t('detail.item.anchoredAt')}</dt>
                      <dd className="whitespace-nowrap" data-testid="item-anchored-at">
                        {item.anchoring.anchoredAt ? format.dateTime(item.anchoring.anchoredAt, TO_THE_SECOND) : '—'}
                      </dd>
                    </dl>
                  ) : (
                    <span className="text-slate-500">{t('detail.item.notAnchoredYet')}</span>
                  )}
                </td>
                <td className="px-4 py-2">
                  {result ? <ItemResult result={result} /> : <span className="text-slate-500">{t('detail.itemNotChecked')}</span>}
                </td>
                {downloads ? (
                  <td className="px-4 py-2 whitespace-nowrap">
                    {item.hasOriginal ? (
                      <>
                        <a href={`/api/v1/evidence/${item.id}/file`} className="text-sky-700 hover:underline" data-testid="download-original">
                          {t('detail.item.download')}
                        </a>
                        {isPreviewable(item.mediaType) ? <OriginalPreview item={item} label={t('detail.item.preview')} title={t('detail.item.previewOf', { file: item.fileName })} /> : null}
                      </>
                    ) : (
                      <span className="text-slate-500">{t('detail.item.hashOnly')}</span>
                    )}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

async function ItemResult({ result }: { result: ItemVerification }) {
  const [t, tVerify, format] = await Promise.all([getTranslations('arbitration'), getTranslations('verify'), getFormatter()]);
  return (
    <div data-testid="item-result" data-passed={String(result.passed)} className="space-y-1">
      <span className={`font-medium ${result.passed ? 'text-emerald-700' : 'text-red-700'}`}>
        {result.passed ? t('detail.itemPassed') : t('detail.itemFailed')}
      </span>
      {result.reason ? <p className="text-xs text-red-700">{t(`reasons.${result.reason}`)}</p> : null}
      {result.checks.length > 0 ? (
        // One line per item; the checks a click away (open when one failed, since that is what to read).
        <details open={!result.passed} className="text-xs" data-testid="item-checks">
          <summary className="cursor-pointer text-slate-700">
            {t('detail.checksSummary', { passed: result.checks.filter((check) => check.status === 'pass').length, total: result.checks.length })}
          </summary>
          <ul className="mt-1">
            {result.checks.map((check) => (
              <li key={check.id} data-check={check.id} data-check-status={check.status}>
                <span className={check.status === 'fail' ? 'text-red-700' : check.status === 'pass' ? 'text-emerald-700' : 'text-slate-500'}>
                  {t(`checkStatus.${check.status}`)}
                </span>{' '}
                {t(`checks.${check.id}`)}
                {check.status === 'fail' ? <FailedCheckReason sentence={describeVerificationCheck(check, tVerify, format)} message={check.message} /> : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/** Reports stored before checks carried a code have only the verifier's English sentence, shown as
 * such rather than dropped: it is the reason the item failed. */
function FailedCheckReason({ sentence, message }: { sentence: string | null; message: string }) {
  return sentence ? (
    <span className="block break-all text-red-700">{sentence}</span>
  ) : (
    <span lang="en" className="block break-all text-red-700">
      {message}
    </span>
  );
}

/** A PDF or image original shown in the page, a click away; fetched only when opened (lazy), and
 * served, like a download, only after its hash re-check. */
function OriginalPreview({ item, label, title }: { item: CasePackageItem; label: string; title: string }) {
  const src = `/api/v1/evidence/${item.id}/file?disposition=inline`;
  return (
    <details className="mt-1 text-xs" data-testid="original-preview">
      <summary className="cursor-pointer text-sky-700">{label}</summary>
      {item.mediaType === 'application/pdf' ? (
        <iframe src={src} title={title} loading="lazy" className="mt-2 h-96 w-80 max-w-full rounded border border-slate-200 bg-white" />
      ) : (
        <img src={src} alt={title} loading="lazy" className="mt-2 max-h-96 w-80 max-w-full rounded border border-slate-200 object-contain" />
      )}
    </details>
  );
}
