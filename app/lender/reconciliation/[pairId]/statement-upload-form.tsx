'use client';
// One bank's statement for one business date, sent as is to PUT /api/v1/reconciliation/pairs/{pairId}/
// days/{date}/statement (the session authenticates it, as the API's other browser uploads). The server
// checks the file whole and answers the first issues by line and field; they are shown as sent.
import { useId, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { STATEMENT_MEDIA_TYPES } from '@/lib/reconciliation/reconciliation-schemas';

type State =
  | { phase: 'idle' }
  | { phase: 'sending' }
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
  defaultDate,
}: {
  pairId: string;
  carrier: keyof typeof STATEMENT_MEDIA_TYPES;
  encoding: string;
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
    setState({ phase: 'sending' });
    try {
      const response = await fetch(`/api/v1/reconciliation/pairs/${encodeURIComponent(pairId)}/days/${encodeURIComponent(date)}/statement`, {
        method: 'PUT',
        headers: { 'content-type': STATEMENT_MEDIA_TYPES[carrier], 'idempotency-key': crypto.randomUUID() },
        body: file,
      });
      const body = (await response.json().catch(() => ({}))) as Problem & { side?: { rowCount: number; root: string }; bothSidesIn?: boolean };
      if (response.ok && body.side) {
        setState({ phase: 'done', rows: body.side.rowCount, root: body.side.root, bothSidesIn: body.bothSidesIn === true });
        router.refresh();
        return;
      }
      setState({
        phase: 'refused',
        status: response.status,
        message: body.detail ?? body.title ?? response.statusText,
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
      <p className="text-sm text-slate-600">{t('uploadIntro')}</p>
      <div className="flex flex-wrap items-end gap-4">
        <label className="space-y-1 text-sm">
          <span className="block text-slate-700">{t('businessDate')}</span>
          <input name="businessDate" type="date" required defaultValue={defaultDate} className="rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <label className="space-y-1 text-sm">
          <span className="block text-slate-700">{t('file', { carrier: carrier.toUpperCase(), encoding: encoding.toUpperCase() })}</span>
          <input name="file" type="file" required accept={carrier === 'csv' ? '.csv,.txt,text/csv' : '.ndjson,.jsonl,.txt'} className="block text-sm" />
        </label>
        <button type="submit" disabled={state.phase === 'sending'} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
          {t('send')}
        </button>
      </div>
      <div id={statusId} role="status" aria-live="polite" className="text-sm" data-testid="statement-upload-status">
        {state.phase === 'sending' ? <span className="text-slate-600">{t('sending')}</span> : null}
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
