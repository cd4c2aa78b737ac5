// The words of the verification report's PDF and CSV, Chinese first and English beneath: each check's
// name, status and explanation, and each item's result, from the same message files and the same
// describeVerificationCheck as the portal, so the case file says what the screen says.
import { createFormatter, createTranslator } from 'next-intl';
import { describeVerificationCheck, type VerifyTranslator } from '../i18n/describe-verification-check';
import { loadMessages } from '../i18n/load-messages';
import { DISPLAY_TIME_ZONE, type Locale } from '../i18n/locales';
import type { CheckStatus } from '../proof/verification-report';
import type { ItemVerification, ReconciliationVerification } from './case-schemas';

export interface Bilingual {
  zh: string;
  en: string;
}

type StoredCheck = ItemVerification['checks'][number];

export interface ReportWording {
  checkName(id: StoredCheck['id']): Bilingual;
  checkStatus(status: CheckStatus): Bilingual;
  /** The check's sentence; a check stored before checks had codes has only its English message. */
  checkExplanation(check: StoredCheck): Bilingual;
  itemResult(passed: boolean): Bilingual;
  /** Why the item passed or failed: its failure reason, else its first failed check. */
  itemExplanation(item: ItemVerification): Bilingual;
  /** A reconciliation certificate's heading: its class, pair and business date. */
  reconciliationTitle(result: ReconciliationVerification): Bilingual;
  /** One attested side compared with the ReconciliationAnchor on chain; the English is the check's own message (it names the chain, contract and block). */
  chainSide(side: ReconciliationVerification['chain'][number]): Bilingual;
}

export async function loadReportWording(): Promise<ReportWording> {
  const [zh, en] = await Promise.all([translators('zh-CN'), translators('en')]);
  const both = (say: (t: Translators) => string): Bilingual => ({ zh: say(zh), en: say(en) });
  const explanation = (check: StoredCheck): Bilingual => {
    const english = describeVerificationCheck(check, en.verify, en.format) ?? check.message;
    return { zh: describeVerificationCheck(check, zh.verify, zh.format) ?? english, en: english };
  };
  return {
    checkName: (id) => both((t) => t.arbitration(`checks.${id}`)),
    checkStatus: (status) => both((t) => t.verify(`status.${status}`)),
    checkExplanation: explanation,
    itemResult: (passed) => both((t) => t.arbitration(passed ? 'detail.itemPassed' : 'detail.itemFailed')),
    itemExplanation: (item) => {
      if (item.reason) return both((t) => t.arbitration(`reasons.${item.reason}`));
      if (item.passed) return both((t) => t.arbitration('report.allChecksPassed'));
      const failed = item.checks.find((check) => check.status === 'fail');
      return failed ? explanation(failed) : both((t) => t.arbitration('report.anchorNotChecked'));
    },
    reconciliationTitle: (result) =>
      both((t) => t.reconciliation('caseCertificates.reportTitle', { pair: result.pairName, date: result.businessDate, class: t.classes[result.class] ?? result.class })),
    chainSide: (side) => ({
      zh: zh.reconciliation(side.status === 'pass' ? 'caseCertificates.chainPass' : 'caseCertificates.chainFail', { bank: side.bank }),
      en: side.message,
    }),
  };
}

interface Translators {
  verify: VerifyTranslator;
  arbitration: (key: string) => string;
  reconciliation: (key: string, values?: Record<string, string>) => string;
  /** The break classes as the portal names them ("matched" certificates have none: the code is shown). */
  classes: Record<string, string>;
  format: ReturnType<typeof createFormatter>;
}

async function translators(locale: Locale): Promise<Translators> {
  const messages = (await loadMessages(locale)) as Record<string, any>;
  return {
    verify: createTranslator({ locale, messages: messages.verify, timeZone: DISPLAY_TIME_ZONE }) as unknown as VerifyTranslator,
    arbitration: createTranslator({ locale, messages: messages.arbitration, timeZone: DISPLAY_TIME_ZONE }) as unknown as (key: string) => string,
    reconciliation: createTranslator({ locale, messages: messages.reconciliation, timeZone: DISPLAY_TIME_ZONE }) as unknown as Translators['reconciliation'],
    classes: messages.reconciliation.classes,
    format: createFormatter({ locale, timeZone: DISPLAY_TIME_ZONE }),
  };
}

