'use client';
// One bank's statement for one business date, sent as is over the resumable upload (tus) at
// /api/v1/reconciliation/pairs/{pairId}/days/{date}/statement/uploads, with the evidence upload's tus
// client (sendOverTus), in parts of STATEMENT_CHUNK_BYTES: a dropped connection resumes from the
// server's offset by itself, and after a reload the same file for the same date resumes the upload it
// began. The session authenticates every request. The last part's answer is the PUT's: the committed
// side, or the refusal with the first issues by line and field, shown as sent. A blind pair's bank
// sends its blind side (keys and commitments, docs/reconciliation-format.md §14.1) instead.
import { useId, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { TransferDetails } from '@/app/lender/upload/transfer-details';
import { createTransferMeter, percentOf, type TransferProgress } from '@/app/lender/upload/transfer-progress';
import { sendOverTus } from '@/app/lender/upload/upload-transport';
import { BLIND_SIDE_MEDIA_TYPE } from '@/lib/reconciliation/blind-carrier';
import { STATEMENT_MEDIA_TYPES } from '@/lib/reconciliation/reconciliation-schemas';

/** 8 MiB per PATCH: a proxy's body limit or request timeout cuts at most one part. */
export const STATEMENT_CHUNK_BYTES = 8 * 1024 * 1024;

type State =
  | { phase: 'idle' }
  | { phase: 'sending'; transfer: TransferProgress | null }
  | { phase: 'done'; rows: number; root: string; bothSidesIn: boolean }
  | { phase: 'refused'; status: number; message: string; issues: string[] };

interface Problem {
  detail?: string;
  title?: string;
  issues?: Array<{ line?: number; field?: string; message?: string }>;
}

export function StatementUploadForm({
  pairId,
  carrier,
  encoding,
  blind,
  defaultDate,
}: {
  pairId: string;
  carrier: keyof typeof STATEMENT_MEDIA_TYPES;
  encoding: string;
  /** A blind pair: the file is a blind side, whatever the bank's own statements are written in. */
  blind: boolean;
  defaultDate: string;
}) {
  const t = useTranslations('reconciliation.pair');
  const router = useRouter();
  const statusId = useId();
  const [state, setState] = useState<State>({ phase: 'idle' });

  async function send(form: FormData) {
    const file = form.get('file');
    const date = String(form.get('businessDate') ?? '');
    if (!(file instanceof File) || file.size === 0 || !date) return;
    setState({ phase: 'sending', transfer: null });
    const meter = createTransferMeter();
    const endpoint = `/api/v1/reconciliation/pairs/${encodeURIComponent(pairId)}/days/${encodeURIComponent(date)}/statement/uploads`;
    try {
      const response = await sendOverTus({
        endpoint,
        file,
        metadata: { filename: file.name, filetype: blind ? BLIND_SIDE_MEDIA_TYPE : STATEMENT_MEDIA_TYPES[carrier] },
        // The same file for the same day resumes its upload (the endpoint names pair and date).
        fingerprint: `evident-statement:${endpoint}:${file.name}:${file.size}:${file.lastModified}`,
        chunkSize: STATEMENT_CHUNK_BYTES,
        resultKey: 'result',
        report: (sent, total) => setState({ phase: 'sending', transfer: meter.sample(sent, total) }),
        waiting: (waiting) => setState({ phase: 'sending', transfer: meter.waiting(waiting) }),
      });
      const body = (response.body ?? {}) as Problem & { side?: { rowCount: number; root: string }; bothSidesIn?: boolean };
      if (response.status === 201 && body.side) {
        setState({ phase: 'done', rows: body.side.rowCount, root: body.side.root, bothSidesIn: body.bothSidesIn === true });
        router.refresh();
        return;
      }
      setState({
        phase: 'refused',
        status: response.status,
        message: body.detail ?? body.title ?? String(response.status),
        issues: (body.issues ?? []).slice(0, 20).map((issue) => [issue.line === undefined ? '' : `#${issue.line}`, issue.field ?? '', issue.message ?? ''].filter(Boolean).join(' ')),
      });
    } catch (error) {
      setState({ phase: 'refused', status: 0, message: error instanceof Error ? error.message : String(error), issues: [] });
    }
  }

  return (
    <form
      className="space-y-3 rounded-lg bg-white p-5 shadow-sm"
      aria-describedby={statusId}
      onSubmit={(event) => {
        event.preventDefault();
        void send(new FormData(event.currentTarget));
      }}
    >
      <h2 className="text-lg font-semibold">{t('upload')}</h2>
      <p className="text-sm text-slate-600">{blind ? t('uploadIntroBlind') : t('uploadIntro')}</p>
      <p className="text-sm text-slate-600">{t('uploadResumable')}</p>
      <div className="flex flex-wrap items-end gap-4">
        <label className="space-y-1 text-sm">
          <span className="block text-slate-700">{t('businessDate')}</span>
          <input name="businessDate" type="date" required defaultValue={defaultDate} className="rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block text-slate-700">{blind ? t('fileBlind') : t('file', { carrier: carrier.toUpperCase(), encoding: encoding.toUpperCase() })}</span>
          <input name="file" type="file" required accept={carrier === 'csv' && !blind ? '.csv,.txt,text/csv' : '.ndjson,.jsonl,.txt'} className="block text-sm" />
        </label>
        <button type="submit" disabled={state.phase === 'sending'} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
          {t('send')}
        </button>
      </div>
      <div id={statusId} role="status" aria-live="polite" className="text-sm" data-testid="statement-upload-status">
        {state.phase === 'sending' ? (
          <div className="space-y-1">
            {state.transfer === null ? (
              <span className="text-slate-600">{t('sending')}</span>
            ) : (
              <>
                <div className="h-2 w-full overflow-hidden rounded bg-slate-100">
                  <div
                    role="progressbar"
                    aria-label={t('upload')}
                    aria-valuenow={percentOf(state.transfer)}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    className="h-2 bg-sky-600 transition-all"
                    style={{ width: `${percentOf(state.transfer)}%` }}
                  />
                </div>
                {state.transfer.sentBytes === state.transfer.totalBytes ? <span className="text-slate-600">{t('committing')}</span> : <TransferDetails transfer={state.transfer} />}
              </>
            )}
          </div>
        ) : null}
        {state.phase === 'done' ? (
          <span className="text-emerald-700">
            {t('committed', { rows: state.rows, root: `${state.root.slice(0, 18)}…` })} {state.bothSidesIn ? t('bothIn') : null}
          </span>
        ) : null}
        {state.phase === 'refused' ? (
          <div className="text-red-700">
            <p>{t('refused', { status: state.status, message: state.message })}</p>
            {state.issues.length > 0 ? (
              <ul className="list-disc pl-5 font-mono text-xs">
                {state.issues.map((issue, i) => (
                  <li key={i}>{issue}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
    </form>
  );
}
