'use client';
// A bank's sign-off of the day's statement (docs/reconciliation-format.md §11.2): agreed, or disputed
// with objections, signed with the bank's own key. The key never leaves this browser: either the
// bank's encrypted key file (an Ethereum JSON keystore) is decrypted here and signs here, or the
// bank's own signing system signs the typed data offered for download and its signature is pasted.
// Either way the server only receives the signature, checks that it recovers to the bank's registered
// sign-off address, and refuses anything else with a message shown as sent.
import { useId, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Wallet, type TypedDataField } from 'ethers';
import { hashObjections } from '@/lib/reconciliation/hash-objections';
import { toHex } from '@/lib/proof/hex';

/** What the server's sign-off request gives the page (GET …/sign-off): the typed data for this bank,
 * whose `decision` and `objectionsHash` the signer fills in. */
export interface SignOffTypedData {
  domain: Record<string, unknown>;
  types: Record<string, TypedDataField[]>;
  primaryType: string;
  message: Record<string, unknown>;
}

type Decision = 'agreed' | 'disputed';
type Method = 'key-file' | 'signature';
type State = { phase: 'idle' } | { phase: 'signing' } | { phase: 'sending' } | { phase: 'refused'; message: string } | { phase: 'done' };

interface Problem {
  detail?: string;
  title?: string;
}

const NO_OBJECTIONS = `0x${'00'.repeat(32)}`;

/** The typed data with this sign-off's own values, ready for ethers' signTypedData (which takes the
 * types without EIP712Domain). */
export function completeTypedData(typedData: SignOffTypedData, decision: Decision, objections: string, decisionValues: Record<Decision, number>): SignOffTypedData {
  const objectionsHash = decision === 'disputed' ? toHex(hashObjections(objections)) : NO_OBJECTIONS;
  const types = Object.fromEntries(Object.entries(typedData.types).filter(([name]) => name !== 'EIP712Domain'));
  return { ...typedData, types, message: { ...typedData.message, decision: decisionValues[decision], objectionsHash } };
}

export function StatementSignOffPanel({
  pairId,
  businessDate,
  party,
  signerAddress,
  typedData,
  decisionValues,
}: {
  pairId: string;
  businessDate: string;
  party: 'A' | 'B';
  signerAddress: string | null;
  typedData: SignOffTypedData;
  decisionValues: Record<Decision, number>;
}) {
  const t = useTranslations('reconciliation.signOff');
  const router = useRouter();
  const statusId = useId();
  const [decision, setDecision] = useState<Decision>('agreed');
  const [method, setMethod] = useState<Method>('key-file');
  const [state, setState] = useState<State>({ phase: 'idle' });

  function downloadTypedData(objections: string) {
    let completed: SignOffTypedData;
    try {
      completed = completeTypedData(typedData, decision, objections, decisionValues);
    } catch {
      setState({ phase: 'refused', message: t('objectionsRequired') });
      return;
    }
    const blob = new Blob([`${JSON.stringify(completed, null, 2)}\n`], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `sign-off-${businessDate}-bank-${party}.json`;
    link.click();
    URL.revokeObjectURL(link.href);
  }

  async function signAndSend(form: FormData) {
    const objections = decision === 'disputed' ? String(form.get('objections') ?? '') : '';
    if (decision === 'disputed' && objections.trim() === '') {
      setState({ phase: 'refused', message: t('objectionsRequired') });
      return;
    }
    let signature: string;
    if (method === 'key-file') {
      const file = form.get('keyFile');
      if (!(file instanceof File) || file.size === 0) {
        setState({ phase: 'refused', message: t('keyFileRequired') });
        return;
      }
      setState({ phase: 'signing' });
      let wallet: Wallet;
      try {
        const decrypted = await Wallet.fromEncryptedJson(await file.text(), String(form.get('password') ?? ''));
        wallet = decrypted instanceof Wallet ? decrypted : new Wallet(decrypted.privateKey);
      } catch {
        setState({ phase: 'refused', message: t('keyFileUnreadable') });
        return;
      }
      if (signerAddress !== null && wallet.address.toLowerCase() !== signerAddress.toLowerCase()) {
        setState({ phase: 'refused', message: t('wrongKey', { address: wallet.address.toLowerCase(), expected: signerAddress }) });
        return;
      }
      const completed = completeTypedData(typedData, decision, objections, decisionValues);
      signature = (await wallet.signTypedData(completed.domain, completed.types, completed.message)).toLowerCase();
    } else {
      signature = String(form.get('signature') ?? '').trim();
    }
    setState({ phase: 'sending' });
    try {
      const response = await fetch(`/api/v1/reconciliation/pairs/${encodeURIComponent(pairId)}/days/${encodeURIComponent(businessDate)}/sign-off`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ decision, ...(decision === 'disputed' ? { objections } : {}), signature }),
      });
      if (response.ok) {
        setState({ phase: 'done' });
        router.refresh();
        return;
      }
      const body = (await response.json().catch(() => ({}))) as Problem;
      setState({ phase: 'refused', message: t('refused', { status: response.status, message: body.detail ?? body.title ?? response.statusText }) });
    } catch (error) {
      setState({ phase: 'refused', message: t('refused', { status: 0, message: error instanceof Error ? error.message : String(error) }) });
    }
  }

  const busy = state.phase === 'signing' || state.phase === 'sending';
  return (
    <form
      className="space-y-4 rounded-lg border border-sky-200 bg-sky-50/40 p-4"
      aria-describedby={statusId}
      data-testid="statement-sign-off-form"
      onSubmit={(event) => {
        event.preventDefault();
        void signAndSend(new FormData(event.currentTarget));
      }}
    >
      <h3 className="font-medium">{t('title', { bank: party })}</h3>
      <p className="text-sm text-slate-600">{t('intro')}</p>
      {signerAddress === null ? <p className="text-sm text-amber-800">{t('noSignerAddress')}</p> : (
        <p className="text-sm text-slate-600">
          {t('signerAddress')} <span className="break-all font-mono text-xs">{signerAddress}</span>
        </p>
      )}
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium text-slate-700">{t('decision')}</legend>
        {(['agreed', 'disputed'] as const).map((value) => (
          <label key={value} className="mr-6 inline-flex items-center gap-2">
            <input type="radio" name="decision" value={value} checked={decision === value} onChange={() => setDecision(value)} />
            {t(value)}
          </label>
        ))}
      </fieldset>
      {decision === 'disputed' ? (
        <label className="block space-y-1 text-sm">
          <span className="block text-slate-700">{t('objections')}</span>
          <textarea name="objections" required maxLength={4000} rows={4} className="w-full rounded-md border border-slate-300 px-2 py-1" />
          <span className="block text-xs text-slate-500">{t('objectionsHint')}</span>
        </label>
      ) : null}
      <fieldset className="space-y-2 text-sm">
        <legend className="font-medium text-slate-700">{t('method')}</legend>
        {(['key-file', 'signature'] as const).map((value) => (
          <label key={value} className="mr-6 inline-flex items-center gap-2">
            <input type="radio" name="method" value={value} checked={method === value} onChange={() => setMethod(value)} />
            {t(value === 'key-file' ? 'methodKeyFile' : 'methodSignature')}
          </label>
        ))}
      </fieldset>
      {method === 'key-file' ? (
        <div className="flex flex-wrap items-end gap-4 text-sm">
          <label className="space-y-1">
            <span className="block text-slate-700">{t('keyFile')}</span>
            <input name="keyFile" type="file" accept=".json,application/json" className="block text-sm" />
          </label>
          <label className="space-y-1">
            <span className="block text-slate-700">{t('password')}</span>
            <input name="password" type="password" autoComplete="off" className="rounded-md border border-slate-300 px-2 py-1" />
          </label>
          <p className="w-full text-xs text-slate-500">{t('keyStaysHere')}</p>
        </div>
      ) : (
        <div className="space-y-2 text-sm">
          <button
            type="button"
            className="text-sky-700 hover:underline"
            onClick={(event) => downloadTypedData(String(new FormData(event.currentTarget.form ?? undefined).get('objections') ?? ''))}
          >
            {t('downloadTypedData')}
          </button>
          <label className="block space-y-1">
            <span className="block text-slate-700">{t('signature')}</span>
            <input name="signature" required pattern="0x[0-9a-fA-F]{130}" spellCheck={false} className="w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" />
          </label>
        </div>
      )}
      <button type="submit" disabled={busy} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60">
        {t(decision === 'agreed' ? 'signAgreed' : 'signDisputed')}
      </button>
      <div id={statusId} role="status" aria-live="polite" className="text-sm" data-testid="statement-sign-off-status">
        {state.phase === 'signing' ? <span className="text-slate-600">{t('signing')}</span> : null}
        {state.phase === 'sending' ? <span className="text-slate-600">{t('sending')}</span> : null}
        {state.phase === 'done' ? <span className="text-emerald-700">{t('done')}</span> : null}
        {state.phase === 'refused' ? <span className="text-red-700">{state.message}</span> : null}
      </div>
    </form>
  );
}
