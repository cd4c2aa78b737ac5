import Link from 'next/link';
import { orErrorPage } from '@/app/_components/or-error-page';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireViewerFor } from '@/lib/auth/current-viewer';
import { getPrisma } from '@/lib/db/client';
import { getEvidenceDetail } from '@/lib/evidence/get-evidence-detail';
import { SOURCE_FIELDS } from '@/lib/evidence/evidence-schemas';
import { BorrowerLabel } from '@/app/_components/borrower-label';
import { StatusBadge } from '@/app/_components/status-badge';

export const dynamic = 'force-dynamic';

/** Block time as the chain reports it: seconds, or milliseconds on FISCO BCOS before 3.12. */
function blockTimeDate(blockTime: string): Date {
  const value = Number(blockTime);
  return new Date(value > 1e12 ? value : value * 1000);
}

export default async function LenderEvidenceDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireViewerFor('evidence.submit');
  const evidence = await orErrorPage(getEvidenceDetail({ prisma: getPrisma(), viewer, evidenceId: id }));
  const t = await getTranslations('evidence');
  const common = await getTranslations('common');
  const format = await getFormatter();
  const when = (iso: string | Date) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'medium' });

  const facts: Array<[string, React.ReactNode]> = [
    [t('fields.title'), evidence.title ?? '—'],
    [t('fields.type'), evidence.type ? common(`evidenceType.${evidence.type}`) : '—'],
    [t('fields.loanReference'), evidence.loanReference ?? '—'],
    [t('fields.borrower'), <BorrowerLabel key="borrower" name={evidence.borrowerName} identifierHint={evidence.borrowerIdentifierHint} />],
    [t('fields.fileName'), evidence.fileName],
    [t('fields.size'), t('bytes', { size: evidence.size })],
    [t('fields.sha256'), <span className="mono break-all" data-testid="sha256">{evidence.sha256}</span>],
    [t('fields.status'), <StatusBadge status={evidence.status} />],
  ];

  const { provenance } = evidence;
  const recorded = (value: string | null) => value ?? (provenance.recorded ? '—' : t('provenance.notRecorded'));
  const origin: Array<[string, string, React.ReactNode]> = [
    ['channel', t('provenance.channel'), t(`provenance.channels.${provenance.channel}`)],
    ['submitted-by', t('provenance.submittedBy'), recorded(provenance.submittedBy)],
    ['client-address', t('provenance.clientAddress'), <span className="mono">{recorded(provenance.clientAddress)}</span>],
    ['idempotency-key', t('provenance.idempotencyKey'), <span className="mono break-all">{provenance.idempotencyKey ?? '—'}</span>],
    ['received-at', t('provenance.receivedAt'), when(provenance.submittedAt)],
    ...SOURCE_FIELDS.flatMap((field): Array<[string, string, React.ReactNode]> => {
      const value = provenance.source?.[field];
      if (value === undefined) return [];
      return [[`source-${field}`, t(`provenance.source.${field}`), field === 'generatedAt' ? `${when(value)} (${value})` : value]];
    }),
  ];

  const steps: Array<{ key: string; done: boolean; title: string; detail: React.ReactNode }> = [
    { key: 'received', done: true, title: t('timeline.received'), detail: when(evidence.submittedAt) },
    {
      key: 'sealed',
      done: evidence.sealedAt !== null,
      title: t('timeline.sealed'),
      detail: evidence.sealedAt ? when(evidence.sealedAt) : t('timeline.sealedWaiting'),
    },
    {
      key: 'anchored',
      done: evidence.anchor !== null,
      title: t('timeline.anchored'),
      detail: evidence.anchor ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt className="text-slate-500">{t('anchor.blockNumber')}</dt>
          <dd data-testid="block-number">{evidence.anchor.blockNumber}</dd>
          <dt className="text-slate-500">{t('anchor.blockTime')}</dt>
          <dd>{when(blockTimeDate(evidence.anchor.blockTime))}</dd>
          <dt className="text-slate-500">{t('anchor.txHash')}</dt>
          <dd className="mono break-all">{evidence.anchor.txHash}</dd>
          <dt className="text-slate-500">{t('anchor.chainId')}</dt>
          <dd>{evidence.anchor.chainId}</dd>
          <dt className="text-slate-500">{t('anchor.root')}</dt>
          <dd className="mono break-all">{evidence.anchor.root}</dd>
        </dl>
      ) : evidence.status === 'anchoring' ? (
        t('timeline.anchoringNow')
      ) : (
        t('timeline.anchoredWaiting')
      ),
    },
    {
      key: 'certificate',
      done: evidence.certificate !== null,
      title: t('timeline.certificate'),
      detail: evidence.certificate ? (
        <span>
          {t('timeline.certificateIssued', { serial: evidence.certificate.serial, time: when(evidence.certificate.issuedAt) })}
          {evidence.certificate.revokedAt && (
            <span className="ml-2 font-medium text-red-700">{t('timeline.certificateRevoked', { time: when(evidence.certificate.revokedAt) })}</span>
          )}
        </span>
      ) : evidence.anchor ? (
        t('timeline.certificateOnDownload')
      ) : (
        t('timeline.certificateWaiting')
      ),
    },
  ];

  const base = `/api/v1/evidence/${evidence.id}`;
  return (
    <div className="space-y-6">
      <div>
        <Link href="/lender" className="text-sm text-sky-700 hover:underline">
          {t('back')}
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">{evidence.title ?? evidence.fileName}</h1>
      </div>

      <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 rounded-lg bg-white p-5 text-sm shadow-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>

      <section className="space-y-3" data-testid="provenance">
        <h2 className="text-lg font-semibold">{t('provenance.heading')}</h2>
        <p className="text-sm text-slate-600">{t('provenance.intro')}</p>
        <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-2 rounded-lg bg-white p-5 text-sm shadow-sm">
          {origin.map(([key, label, value]) => (
            <div key={key} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd data-testid={`provenance-${key}`}>{value}</dd>
            </div>
          ))}
        </dl>
        {!provenance.source && <p className="text-sm text-slate-500">{t('provenance.noSource')}</p>}
      </section>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('timeline.heading')}</h2>
        <ol className="space-y-3 rounded-lg bg-white p-5 text-sm shadow-sm">
          {steps.map((step) => (
            <li key={step.key} data-testid={`timeline-${step.key}`} data-done={step.done} className="flex gap-3">
              <span
                aria-hidden
                className={`mt-1 h-3 w-3 shrink-0 rounded-full ${step.done ? 'bg-emerald-500' : 'border-2 border-slate-300 bg-white'}`}
              />
              <div className="space-y-1">
                <p className={`font-medium ${step.done ? 'text-slate-900' : 'text-slate-500'}`}>{step.title}</p>
                <div className="text-slate-600">{step.detail}</div>
              </div>
            </li>
          ))}
        </ol>
      </section>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t('downloads.heading')}</h2>
        {evidence.anchor ? (
          <div className="flex flex-wrap gap-3">
            <a href={`${base}/certificate/pdf`} data-testid="download-certificate-pdf" className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white">
              {t('downloads.certificatePdf')}
            </a>
            <a href={`${base}/certificate`} data-testid="download-certificate-json" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              {t('downloads.certificateJson')}
            </a>
            <a href={`${base}/receipt`} data-testid="download-receipt-pdf" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              {t('downloads.receiptPdf')}
            </a>
          </div>
        ) : (
          <p className="text-slate-500">{t('downloads.afterAnchoring')}</p>
        )}
      </section>
    </div>
  );
}
