import { getTranslations } from 'next-intl/server';
import type { PairView } from '@/lib/reconciliation/reconciliation-schemas';

/** A pair's tolerance rules in words: a rule that absorbs a difference is never implicit. */
export async function ToleranceRules({ rules }: { rules: PairView['toleranceRules'] }) {
  const t = await getTranslations('reconciliation.pairs');
  if (rules.length === 0) return <span className="text-slate-500">{t('noRules')}</span>;
  return <span>{rules.map((rule) => t('splitRounding', { maxFen: rule.maxFen })).join('; ')}</span>;
}
