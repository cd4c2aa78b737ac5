import { getTranslations } from 'next-intl/server';
import type { RuleThresholds } from '@/lib/reconciliation/portfolio-rules';
import { setRuleThresholdsAction } from './actions';

const FIELDS = ['minShareABp', 'minShareBBp', 'maxLoanTotalFen', 'maxDayDisbursedFen'] as const;

/** The regulator's thresholds for the consortium or one pair; an empty field turns its rule off. */
export async function RuleThresholdsForm({ scope, thresholds, testId }: { scope: string; thresholds: RuleThresholds | null; testId: string }) {
  const t = await getTranslations('reconciliation.oversightRules');
  return (
    <form action={setRuleThresholdsAction} className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 text-sm shadow-sm" data-testid={testId}>
      <input type="hidden" name="scope" value={scope} />
      {FIELDS.map((field) => (
        <label key={field} className="flex flex-col gap-1">
          <span className="text-xs text-slate-600">{t(`field.${field}`)}</span>
          <input
            name={field}
            inputMode="numeric"
            pattern="[0-9]*"
            defaultValue={thresholds?.[field] ?? ''}
            placeholder={t('off')}
            className="w-40 rounded border border-slate-300 px-2 py-1 font-mono"
          />
        </label>
      ))}
      <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-white hover:bg-slate-700">
        {t('save')}
      </button>
    </form>
  );
}
