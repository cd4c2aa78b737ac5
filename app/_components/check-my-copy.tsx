'use client';
// "Check my copy": a borrower (or anyone shown an item) picks their own copy of the file, the browser
// hashes it (streaming, so memory stays flat) and says whether it is the notarized file. The file
// never leaves the device; the comparison is against the SHA-256 the receipt and certificate carry.
import { useId, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { sha256File } from './sha256-file';

type State =
  | { phase: 'idle' }
  | { phase: 'hashing'; fileName: string; percent: number }
  | { phase: 'done'; fileName: string; sha256: string; matches: boolean }
  | { phase: 'failed'; fileName: string };

export function CheckMyCopy({ expectedSha256, itemLabel }: { expectedSha256: string; itemLabel: string }) {
  const t = useTranslations('borrower.checkCopy');
  const input = useRef<HTMLInputElement>(null);
  const resultId = useId();
  const [state, setState] = useState<State>({ phase: 'idle' });

  async function check(file: File) {
    setState({ phase: 'hashing', fileName: file.name, percent: 0 });
    try {
      const sha256 = await sha256File(file, (hashed) =>
        setState({ phase: 'hashing', fileName: file.name, percent: file.size === 0 ? 100 : Math.floor((hashed / file.size) * 100) }),
      );
      setState({ phase: 'done', fileName: file.name, sha256, matches: sha256.toLowerCase() === expectedSha256.toLowerCase() });
    } catch {
      setState({ phase: 'failed', fileName: file.name });
    }
  }

  return (
    <div className="space-y-1" data-testid="check-my-copy">
      <input
        ref={input}
        type="file"
        className="hidden"
        tabIndex={-1}
        data-testid="check-my-copy-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void check(file);
        }}
      />
      <button
        type="button"
        className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-800 hover:bg-slate-50 disabled:opacity-60"
        aria-label={t('buttonFor', { item: itemLabel })}
        aria-describedby={state.phase === 'idle' ? undefined : resultId}
        disabled={state.phase === 'hashing'}
        onClick={() => input.current?.click()}
      >
        {t('button')}
      </button>
      <div id={resultId} role="status" aria-live="polite" className="text-xs">
        {state.phase === 'hashing' ? <span className="text-slate-600">{t('hashing', { percent: state.percent })}</span> : null}
        {state.phase === 'done' ? (
          <span data-testid="check-my-copy-result" data-matches={String(state.matches)} className={state.matches ? 'text-emerald-700' : 'text-red-700'}>
            <span className="font-medium">{state.matches ? t('matches', { file: state.fileName }) : t('differs', { file: state.fileName })}</span>
            {state.matches ? null : <span className="block font-mono break-all text-slate-600">{t('yourHash', { sha256: state.sha256 })}</span>}
          </span>
        ) : null}
        {state.phase === 'failed' ? <span className="text-red-700">{t('unreadable', { file: state.fileName })}</span> : null}
      </div>
    </div>
  );
}
