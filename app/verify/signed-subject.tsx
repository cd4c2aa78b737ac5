'use client';

// What a format version 3 certificate signs about its evidence item (docs/proof-format.md section
// 15), shown only once the signature check passed: before that it is unproven text.
import { useTranslations } from 'next-intl';
import type { Certificate } from '@/lib/proof/certificate-schema';
import type { VerificationReport } from '@/lib/proof/verification-report';

const SOURCE_FIELDS = ['system', 'exportJobId', 'generatedAt', 'generationMethod', 'note'] as const;

export function SignedSubject({ report }: { report: VerificationReport }) {
  const t = useTranslations('verify.signedSubject');
  const common = useTranslations('common');
  const certificate: Certificate | undefined = report.certificate;
  if (!certificate) return null;
  const { subject, provenance } = certificate;
  if (!subject || !provenance) {
    return (
      <p data-testid="signed-subject-older-format" className="rounded-md bg-slate-50 p-3 text-sm text-slate-600">
        {t('olderFormat', { version: String(certificate.version) })}
      </p>
    );
  }
  const signature = report.checks.find((check) => check.id === 'signature');
  if (signature?.status !== 'pass') {
    return (
      <p data-testid="signed-subject-not-signed" className="rounded-md bg-amber-50 p-3 text-sm text-amber-800">
        {t('notSigned')}
      </p>
    );
  }
  const none = <span className="text-slate-500">{t('none')}</span>;
  const typeLabel = (code: string) => (common.has(`evidenceType.${code}`) ? common(`evidenceType.${code}`) : code);
  const rows: { key: string; label: string; value: React.ReactNode }[] = [
    {
      key: 'organization',
      label: t('organization'),
      value: subject.organization ? (
        <>
          <span data-testid="signed-organization-name" className="font-medium">
            {subject.organization.name}
          </span>
          <span className="mono block text-xs text-slate-500">{subject.organization.id}</span>
          <span className="block text-xs text-slate-600">
            {t('anchoredBy')}{' '}
            <span data-testid="signed-organization-member" className="mono">
              {certificate.anchor.submitter}
            </span>
          </span>
        </>
      ) : (
        none
      ),
    },
    { key: 'title', label: t('title'), value: subject.title ?? none },
    { key: 'evidenceType', label: t('evidenceType'), value: subject.evidenceType ? typeLabel(subject.evidenceType) : none },
    { key: 'loanReference', label: t('loanReference'), value: subject.loanReference ?? none },
    {
      key: 'borrower',
      label: t('borrower'),
      value: subject.borrower ? (
        <>
          {subject.borrower.name}
          {subject.borrower.identifierHint && (
            <span className="mono ml-2 text-xs text-slate-600">{t('identifierHint', { hint: subject.borrower.identifierHint })}</span>
          )}
        </>
      ) : (
        none
      ),
    },
    { key: 'channel', label: t('channel'), value: t(`channels.${provenance.channel}`) },
    {
      key: 'source',
      label: t('source'),
      value: provenance.source ? (
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2">
          {SOURCE_FIELDS.filter((field) => provenance.source?.[field]).map((field) => (
            <div key={field} className="contents">
              <dt className="text-slate-500">{t(`sourceFields.${field}`)}</dt>
              <dd>{provenance.source?.[field]}</dd>
            </div>
          ))}
        </dl>
      ) : (
        none
      ),
    },
  ];
  return (
    <section data-testid="signed-subject" className="min-w-0 rounded-lg bg-white p-4 shadow-sm [overflow-wrap:anywhere]">
      <h2 className="font-medium">{t('heading')}</h2>
      <p className="mt-1 text-sm text-slate-600">{t('intro')}</p>
      <dl className="mt-3 grid grid-cols-[minmax(0,8rem)_minmax(0,1fr)] gap-x-3 gap-y-2 text-sm sm:grid-cols-[12rem_minmax(0,1fr)]">
        {rows.map(({ key, label, value }) => (
          <div key={key} className="contents" data-testid={`signed-${key}`}>
            <dt className="text-slate-600">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
