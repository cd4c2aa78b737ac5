'use client';

// One file's transfer under the progress bar: percentage, bytes sent of the total, speed and time
// left, or that it waits for the network to come back.
import { useTranslations } from 'next-intl';
import { formatBytes, percentOf, splitDuration, type TransferProgress } from './transfer-progress';

export function TransferDetails({ transfer }: { transfer: TransferProgress }) {
  const t = useTranslations('lender.upload.transfer');
  const left = transfer.secondsLeft === null ? null : splitDuration(transfer.secondsLeft);
  return (
    <p data-testid="transfer-details" aria-live="polite" className="flex flex-wrap gap-x-3 text-xs text-slate-600 tabular-nums">
      <span data-testid="transfer-percent">{t('percent', { percent: percentOf(transfer) })}</span>
      <span data-testid="transfer-bytes">{t('bytes', { sent: formatBytes(transfer.sentBytes), total: formatBytes(transfer.totalBytes) })}</span>
      {transfer.waitingForNetwork ? (
        <span data-testid="transfer-waiting" className="text-amber-800">
          {t('waitingForNetwork')}
        </span>
      ) : (
        <>
          {transfer.bytesPerSecond !== null && <span data-testid="transfer-speed">{t('speed', { speed: formatBytes(transfer.bytesPerSecond) })}</span>}
          {left && (
            <span data-testid="transfer-time-left">
              {left.hours > 0 ? t('hoursLeft', left) : left.minutes > 0 ? t('minutesLeft', left) : t('secondsLeft', left)}
            </span>
          )}
        </>
      )}
    </p>
  );
}
