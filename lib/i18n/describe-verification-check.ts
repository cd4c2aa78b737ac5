// A verification check in the reader's language: the sentence for its code from the message files
// (verify.results), its details' labels, and its times in the display time zone. The check's English
// `message` is what the CLI and the API print; the portal shows this instead. Works with next-intl's
// translator and formatter from the server (getTranslations) and the client (useTranslations) alike.
import type { DateTimeFormatOptions } from 'next-intl';
import type { VerificationCheck } from '../proof/verification-report';
import { TO_THE_SECOND } from './locales';

/** next-intl's translator for the `verify` namespace. */
export interface VerifyTranslator {
  (key: string, values?: Record<string, string>): string;
  has(key: string): boolean;
}

/** next-intl's formatter, which carries the display time zone (lib/i18n/request.ts). */
export interface DateTimeFormatter {
  dateTime(value: Date, options: DateTimeFormatOptions): string;
}


/** Params and details holding an ISO-8601 UTC instant (details.blockTime is the raw chain value). */
const TIME_PARAMS = new Set(['blockTime', 'revokedAt', 'supersededAt', 'genTime']);
const TIME_DETAILS = new Set(['blockTimeIso', 'revokedAt', 'supersededAt', 'genTime']);

type DescribableCheck = Pick<VerificationCheck, 'message'> & Partial<Pick<VerificationCheck, 'code' | 'params'>>;

/** The check's sentence, or null for a check without a code (one stored before checks had codes). */
export function describeVerificationCheck(check: DescribableCheck, t: VerifyTranslator, format: DateTimeFormatter): string | null {
  if (!check.code || !t.has(`results.${check.code}`)) return null;
  const params = check.params ?? {};
  // Revocation names its time, reason and successor only when the issuer gave them.
  const values: Record<string, string> = {
    revokedAt: t('unknownTime'),
    reason: t('noReason'),
    blockTime: t('unknownTime'),
    supersededAt: t('unknownTime'),
    supersededBy: '—',
  };
  for (const [key, value] of Object.entries(params)) {
    // A reconciliation proof's kind is a word of the reader's language, not its code.
    values[key] = TIME_PARAMS.has(key) ? formatInstant(value, t, format) : key === 'proofKind' && t.has(`proofKinds.${value}`) ? t(`proofKinds.${value}`) : value;
  }
  return t(`results.${check.code}`, values);
}

/** The check's details as label and value, labels translated where the message files know the key
 * (certificate-format details are field paths, shown as they are). */
export function describeCheckDetails(
  details: Record<string, string>,
  t: VerifyTranslator,
  format: DateTimeFormatter,
): { key: string; label: string; value: string }[] {
  return Object.entries(details).map(([key, value]) => ({
    key,
    label: t.has(`details.${key}`) ? t(`details.${key}`) : key,
    value: TIME_DETAILS.has(key)
      ? formatInstant(value, t, format)
      : key === 'blockTimeUnit' && t.has(`blockTimeUnits.${value}`)
        ? t(`blockTimeUnits.${value}`)
        : key === 'breakClass' && t.has(`breakClasses.${value}`)
          ? t(`breakClasses.${value}`)
          : value,
  }));
}

function formatInstant(iso: string, t: VerifyTranslator, format: DateTimeFormatter): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : t('inDisplayTimeZone', { time: format.dateTime(instant, TO_THE_SECOND) });
}
