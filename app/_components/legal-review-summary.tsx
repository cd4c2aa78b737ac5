import { getLocale, getTranslations } from 'next-intl/server';
import type { CaseDetail } from '@/lib/cases/get-case';
import { getConfig } from '@/lib/config';
import { assessReviewPoints, type ReviewPointResult } from '@/lib/legal/assess-review-points';

const RESULT_STYLE: Record<ReviewPointResult, string> = {
  supported: 'bg-emerald-50 text-emerald-800',
  'not-supported': 'bg-red-50 text-red-800',
  partly: 'bg-amber-50 text-amber-900',
  'outside-software': 'bg-slate-100 text-slate-700',
};

/** The latest report's checks, organised by the legal review points (the same mapping as the PDF). */
export async function LegalReviewSummary({ detail }: { detail: CaseDetail }) {
  if (!detail.latestResults) return null;
  const t = await getTranslations('arbitration.detail');
  const lang = (await getLocale()) === 'zh-CN' ? 'zh' : 'en';
  const points = assessReviewPoints(detail.latestResults, getConfig().operatorStatements, detail.latestReconciliationResults ?? []);
  return (
    <section className="space-y-3" data-testid="legal-review">
      <h3 className="text-sm font-semibold">{t('legalTitle')}</h3>
      <p className="max-w-3xl text-xs text-slate-600">{t('legalIntro')}</p>
      <ol className="space-y-3">
        {points.map((point) => (
          <li key={point.id} data-point={point.id} data-result={point.result} className="rounded-lg bg-white p-4 text-sm shadow-sm">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">{lang === 'zh' ? point.citation : point.citationEn}</span>
              <span className={`whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${RESULT_STYLE[point.result]}`}>
                {t(`legalResult.${point.result}`)}
              </span>
            </div>
            {point.quote ? <blockquote className="mt-2 border-l-2 border-slate-300 pl-3 text-xs text-slate-700">{point.quote}</blockquote> : null}
            {point.summary ? (
              <p className="mt-2 text-xs text-slate-700">
                {point.summary[lang]}
              </p>
            ) : null}
            {point.checks.length > 0 ? (
              <ul className="mt-2 space-y-0.5 text-xs">
                {point.checks.map((tally) => (
                  <li key={tally.check} className={tally.failed > 0 ? 'text-red-700' : 'text-slate-700'}>
                    {t('legalTally', { label: tally.label[lang], passed: tally.passed, failed: tally.failed, notRun: tally.notRun })}
                  </li>
                ))}
              </ul>
            ) : null}
            <p className="mt-2 text-xs text-slate-700">{point.evidentContribution[lang]}</p>
            {point.operatorStatements.map((statement) => (
              <p key={statement.label.en} className="mt-1 text-xs text-slate-700">
                <span className="font-medium">{statement.label[lang]}:</span> {statement.text[lang]}
              </p>
            ))}
            {point.operatorStatementsMissing ? <p className="mt-1 text-xs text-amber-800">{t('legalStatementsMissing')}</p> : null}
            <p className="mt-1 text-xs text-slate-500">{t('legalStillNeeded', { text: point.stillNeeded[lang] })}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
