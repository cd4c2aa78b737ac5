'use client';

import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { EVIDENCE_TYPES, type EvidenceType, type UploadedEvidence } from '@/lib/evidence/evidence-schemas';
import type { EvidenceStatus, EvidenceView } from '@/lib/evidence/evidence-view';
import { sha256File } from '../../_components/sha256-file';
import { ConfirmDialog } from '@/app/_components/confirm-dialog';
import { StatusBadge } from '@/app/_components/status-badge';
import { matchSpreadsheetRows } from '@/lib/upload-spreadsheet/match-spreadsheet-rows';
import { checkNewBorrowerNameAction } from './actions';
import { TransferDetails } from './transfer-details';
import type { TransferProgress } from './transfer-progress';
import { sendFile } from './upload-transport';
import { defaultItemValues, EMPTY_SHARED, refreshItemValues, type SharedValues } from './item-values';
import { droppedFiles, pickedFiles, type PickedFile } from './read-picked-files';
import { SharedFields } from './shared-fields';
import { SpreadsheetPanel, type LoadedSpreadsheet } from './spreadsheet-panel';

// The multipart field names of POST /api/v1/evidence/files that this form fills in, in the order sent.
const TEXT_FIELDS = ['title', 'loanReference', 'borrowerName', 'borrowerIdNumber', 'borrowerPhone', 'borrowerEmail'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
type FieldName = TextField | 'type';

type Phase = 'draft' | 'hashing' | 'uploading' | 'failed' | EvidenceStatus;

interface UploadItem {
  key: string;
  file: File;
  /** Its path within the picked or dropped folder (the file name otherwise): what spreadsheet rows name. */
  relativePath: string;
  /** Fields the lender typed into: the shared fields and the spreadsheet no longer change them. */
  edited: Partial<Record<FieldName, true>>;
  values: Record<TextField, string> & { type: EvidenceType | '' };
  phase: Phase;
  progress: number;
  /** Bytes sent, speed and time left of the transfer under way. */
  transfer?: TransferProgress;
  sha256?: string;
  fieldErrors: Partial<Record<FieldName, string>>;
  error?: string;
  evidenceId?: string;
  blockNumber?: string;
  /** The organization's earlier item with the same content, if any (a notice; the upload stands). */
  duplicateOf?: NonNullable<UploadedEvidence['duplicateOf']>;
}

const POLL_MS = 1500;

export function UploadForm() {
  const t = useTranslations('lender.upload');
  const common = useTranslations('common');
  const [items, setItems] = useState<UploadItem[]>([]);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const folderInputRef = useRef<HTMLInputElement>(null);
  const [shared, setShared] = useState<SharedValues>(EMPTY_SHARED);
  const sharedRef = useRef(shared);
  sharedRef.current = shared;
  const [sheet, setSheet] = useState<LoadedSpreadsheet | null>(null);
  const [sheetBlocked, setSheetBlocked] = useState(false);

  const update = useCallback((key: string, patch: Partial<UploadItem> | ((item: UploadItem) => Partial<UploadItem>)) => {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...(typeof patch === 'function' ? patch(item) : patch) } : item)));
  }, []);

  const addFiles = useCallback((files: PickedFile[]) => {
    const added: UploadItem[] = files.map(({ file, relativePath }) => ({
      key: crypto.randomUUID(),
      file,
      relativePath,
      edited: {},
      values: defaultItemValues(file.name, sharedRef.current, undefined),
      phase: 'draft',
      progress: 0,
      fieldErrors: {},
    }));
    setItems((current) => [...current, ...added]);
  }, []);

  // Files chosen before React hydrated the page fired their change event with no handler attached:
  // take them over from the input once mounted (onChange empties the input, so none is added twice).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    const input = inputRef.current;
    if (input?.files && input.files.length > 0) {
      addFiles(pickedFiles(input.files));
      input.value = '';
    }
    setHydrated(true);
  }, [addFiles]);

  const setValue = (key: string, field: FieldName, value: string) =>
    update(key, (item) => ({
      values: { ...item.values, [field]: value },
      edited: { ...item.edited, [field]: true },
      fieldErrors: { ...item.fieldErrors, [field]: undefined },
    }));

  // Which spreadsheet row describes which file; each file's untouched fields follow its row, else the shared fields.
  const pathsKey = items.map((item) => `${item.key}\u0000${item.relativePath}`).join('\u0001');
  const match = useMemo(
    () => (sheet ? matchSpreadsheetRows(sheet.spreadsheet.rows, items, sheet.spreadsheet.columns.fileName) : null),
    // Recomputed when the files' paths change, not on every progress update of an upload.
    [sheet, pathsKey],
  );
  const sheetHasIssues = sheet !== null && sheet.spreadsheet.issues.length + (match?.issues.length ?? 0) > 0;
  useEffect(() => {
    setItems((current) => {
      let changed = false;
      const next = current.map((item) => {
        if (item.phase !== 'draft' && item.phase !== 'failed') return item;
        const values = refreshItemValues(item.values, item.edited, defaultItemValues(item.file.name, shared, match?.rowOf.get(item.key)?.values));
        if (values === item.values) return item;
        changed = true;
        return { ...item, values };
      });
      return changed ? next : current;
    });
    if (!sheetHasIssues) setSheetBlocked(false);
  }, [shared, match, sheetHasIssues]);

  // The lender usually files several documents of one loan: copy the first file's loan and borrower to the others.
  const copyFirstToAll = () =>
    setItems((current) => {
      const first = current.find((item) => item.phase === 'draft' || item.phase === 'failed');
      if (!first) return current;
      return current.map((item) =>
        item.phase === 'draft' || item.phase === 'failed'
          ? {
              ...item,
              edited: { ...item.edited, type: true, loanReference: true, borrowerName: true, borrowerIdNumber: true, borrowerPhone: true, borrowerEmail: true },
              values: {
                ...item.values,
                type: item.values.type || first.values.type,
                loanReference: first.values.loanReference,
                borrowerName: first.values.borrowerName,
                borrowerIdNumber: first.values.borrowerIdNumber,
                borrowerPhone: first.values.borrowerPhone,
                borrowerEmail: first.values.borrowerEmail,
              },
            }
          : item,
      );
    });

  // A borrower name the organization already knows under another identifier is confirmed in a
  // dialog before anything is sent (a mistyped ID number would otherwise make a second 张伟).
  const [sameName, setSameName] = useState<{ keys: string[]; borrowers: Array<{ name: string; identifierHint: string | null }> } | null>(null);
  const [checking, setChecking] = useState(false);
  const start = (keys: string[], confirmSameNameBorrower: boolean) => {
    for (const item of itemsRef.current) if (keys.includes(item.key)) void uploadOne(item, update, t, confirmSameNameBorrower);
  };
  const uploadAll = async () => {
    // A spreadsheet row with a problem describes no file: nothing is sent until it is mended.
    if (sheetHasIssues) {
      setSheetBlocked(true);
      return;
    }
    const ready = items.filter((item) => item.phase === 'draft' || item.phase === 'failed');
    const identities = new Map<string, { name: string; idNumber?: string; phone?: string; email?: string }>();
    for (const { values } of ready) {
      const identity = {
        name: values.borrowerName.trim(),
        idNumber: values.borrowerIdNumber.trim() || undefined,
        phone: values.borrowerPhone.trim() || undefined,
        email: values.borrowerEmail.trim() || undefined,
      };
      if (identity.name) identities.set(JSON.stringify(identity), identity);
    }
    const found: Array<{ name: string; identifierHint: string | null }> = [];
    setChecking(true);
    try {
      for (const identity of identities.values()) {
        const answer = await checkNewBorrowerNameAction(identity).catch(() => ({ sameName: [] }));
        found.push(...answer.sameName.map((b) => ({ name: identity.name, identifierHint: b.identifierHint })));
      }
    } finally {
      setChecking(false);
    }
    const keys = ready.map((item) => item.key);
    if (found.length > 0) setSameName({ keys, borrowers: found });
    else start(keys, false);
  };

  // Poll items that are stored but not anchored yet, so the page follows them without a reload. The
  // loop runs while any item waits and reads the latest items each round: a round that changes
  // nothing must not end it (it did, and a 300 MB item showed "pending" long after it was anchored).
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const anyWaiting = items.some((i) => i.evidenceId && (i.phase === 'pending' || i.phase === 'anchoring'));
  useEffect(() => {
    if (!anyWaiting) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      const waiting = itemsRef.current.filter((i) => i.evidenceId && (i.phase === 'pending' || i.phase === 'anchoring'));
      for (const item of waiting) {
        const response = await fetch(`/api/v1/evidence/${item.evidenceId}`, { cache: 'no-store' }).catch(() => null);
        if (!response?.ok) continue;
        const view = (await response.json()) as EvidenceView;
        if (view.status !== item.phase) update(item.key, { phase: view.status, blockNumber: view.anchor?.blockNumber });
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [anyWaiting, update]);

  const editable = items.filter((item) => item.phase === 'draft' || item.phase === 'failed');
  const inputClass = (invalid: boolean) =>
    `w-full rounded-md border bg-white px-2 py-1.5 text-sm ${invalid ? 'border-red-500' : 'border-slate-300'}`;

  return (
    <div className="space-y-4" data-testid="upload-form" data-hydrated={hydrated}>
      <div
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (e.dataTransfer.items.length > 0) void droppedFiles(e.dataTransfer).then(addFiles);
        }}
        onClick={() => inputRef.current?.click()}
        // Reachable and operable by keyboard: Tab to it, Enter or Space opens the file picker.
        role="button"
        tabIndex={0}
        aria-label={t('chooseFiles')}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            inputRef.current?.click();
          }
        }}
        className={`cursor-pointer rounded-lg border-2 border-dashed p-8 text-center focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-600 focus-visible:ring-offset-2 ${dragging ? 'border-sky-500 bg-sky-50' : 'border-slate-300 bg-white'}`}
      >
        <p className="font-medium">{t('dropzone')}</p>
        <p className="text-sm text-slate-500">{t('dropzoneHint')}</p>
        <input
          ref={inputRef}
          type="file"
          multiple
          data-testid="file-input"
          tabIndex={-1}
          className="hidden"
          onChange={(e) => {
            if (e.target.files && e.target.files.length > 0) addFiles(pickedFiles(e.target.files));
            e.target.value = '';
          }}
        />
      </div>
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          onClick={() => folderInputRef.current?.click()}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium"
        >
          {t('chooseFolder')}
        </button>
        <input
          ref={folderInputRef}
          type="file"
          multiple
          // Not in React's types: the attribute that makes the picker choose a folder (every current browser).
          {...{ webkitdirectory: '' }}
          data-testid="folder-input"
          tabIndex={-1}
          className="hidden"
          aria-hidden="true"
          onChange={(e) => {
            if (e.target.files && e.target.files.length > 0) addFiles(pickedFiles(e.target.files));
            e.target.value = '';
          }}
        />
      </div>
      <SharedFields values={shared} onChange={setShared} />
      <SpreadsheetPanel
        sheet={sheet}
        match={match}
        blocked={sheetBlocked && sheetHasIssues}
        pathOf={(key) => items.find((item) => item.key === key)?.relativePath ?? ''}
        onChange={setSheet}
      />

      <ul className="space-y-4">
        {items.map((item, index) => {
          const locked = !(item.phase === 'draft' || item.phase === 'failed');
          const id = (field: string) => `${item.key}-${field}`;
          const fieldError = (field: FieldName) =>
            item.fieldErrors[field] && (
              <p id={id(`${field}-error`)} role="alert" data-testid={`error-${field}`} className="text-xs text-red-700">
                {item.fieldErrors[field]}
              </p>
            );
          const textInput = (field: TextField, extra: { type?: string; placeholder?: string } = {}) => (
            <div className="space-y-1 text-sm">
              <label htmlFor={id(field)} className="text-slate-600">
                {t(`fields.${field}`)}
              </label>
              <input
                id={id(field)}
                name={field}
                type={extra.type ?? 'text'}
                placeholder={extra.placeholder}
                value={item.values[field]}
                disabled={locked}
                aria-invalid={item.fieldErrors[field] ? true : undefined}
                aria-describedby={item.fieldErrors[field] ? id(`${field}-error`) : undefined}
                onChange={(e) => setValue(item.key, field, e.target.value)}
                className={inputClass(Boolean(item.fieldErrors[field]))}
              />
              {fieldError(field)}
            </div>
          );
          return (
            <li
              key={item.key}
              data-testid="upload-item"
              data-file-name={item.file.name}
              data-relative-path={item.relativePath}
              data-sheet-row={match?.rowOf.get(item.key)?.row}
              aria-label={t('itemLabel', { index: index + 1, name: item.relativePath })}
              className="space-y-3 rounded-lg bg-white p-4 shadow-sm"
            >
              <div className="flex items-center justify-between gap-4">
                <span className="font-medium break-all">
                  {item.relativePath}
                  {match?.rowOf.has(item.key) && (
                    <span className="ml-2 text-xs font-normal text-slate-500">{t('fromRow', { row: match.rowOf.get(item.key)!.row })}</span>
                  )}
                </span>
                <div className="flex items-center gap-2">
                  {item.phase === 'draft' ? (
                    <span className="text-xs text-slate-500">{t('ready')}</span>
                  ) : (
                    <StatusBadge status={item.phase === 'hashing' ? 'uploading' : item.phase} />
                  )}
                  {!locked && (
                    <button
                      type="button"
                      onClick={() => setItems((current) => current.filter((other) => other.key !== item.key))}
                      className="text-xs text-slate-500 hover:text-red-700"
                    >
                      {t('remove')}
                    </button>
                  )}
                </div>
              </div>

              <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
                {textInput('title')}
                <div className="space-y-1 text-sm">
                  <label htmlFor={id('type')} className="text-slate-600">
                    {t('fields.type')}
                  </label>
                  <select
                    id={id('type')}
                    name="type"
                    value={item.values.type}
                    disabled={locked}
                    aria-invalid={item.fieldErrors.type ? true : undefined}
                    aria-describedby={item.fieldErrors.type ? id('type-error') : undefined}
                    onChange={(e) => setValue(item.key, 'type', e.target.value)}
                    className={inputClass(Boolean(item.fieldErrors.type))}
                  >
                    <option value="">{t('chooseType')}</option>
                    {EVIDENCE_TYPES.map((type) => (
                      <option key={type} value={type}>
                        {common(`evidenceType.${type}`)}
                      </option>
                    ))}
                  </select>
                  {fieldError('type')}
                </div>
                {textInput('loanReference', { placeholder: t('placeholders.loanReference') })}
                {textInput('borrowerName')}
                {textInput('borrowerIdNumber')}
                {textInput('borrowerPhone', { type: 'tel', placeholder: t('placeholders.borrowerPhone') })}
                {textInput('borrowerEmail', { type: 'email' })}
              </div>
              <p className="text-xs text-slate-500">{t('borrowerHint')}</p>

              {item.phase !== 'draft' && (
                <div className="h-2 w-full overflow-hidden rounded bg-slate-100">
                  <div
                    role="progressbar"
                    aria-label={t('progress')}
                    aria-valuenow={Math.round(item.progress * 100)}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    className="h-2 bg-sky-600 transition-all"
                    style={{ width: `${Math.round(item.progress * 100)}%` }}
                  />
                </div>
              )}
              {item.phase === 'uploading' && item.transfer && <TransferDetails transfer={item.transfer} />}
              {item.sha256 && (
                <p className="mono text-xs break-all text-slate-600">
                  SHA-256: <span data-testid="sha256">{item.sha256}</span>
                </p>
              )}
              {item.error && (
                <p role="alert" data-testid="upload-error" className="text-sm text-red-700">
                  {item.error}
                </p>
              )}
              {item.duplicateOf && (
                <p role="status" data-testid="duplicate-notice" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                  {t('duplicate.notice')}{' '}
                  <a className="font-medium text-sky-800 underline" data-testid="duplicate-link" href={`/lender/evidence/${item.duplicateOf.id}`}>
                    {item.duplicateOf.title ?? item.duplicateOf.fileName}
                  </a>
                </p>
              )}
              {item.evidenceId && (
                <p className="flex flex-wrap gap-4 text-sm">
                  <a className="text-sky-700 hover:underline" data-testid="details-link" href={`/lender/evidence/${item.evidenceId}`}>
                    {t('details')}
                  </a>
                  {item.phase === 'anchored' && (
                    <>
                      <span className="text-slate-600">{t('block', { block: item.blockNumber ?? '' })}</span>
                      <a
                        className="text-sky-700 hover:underline"
                        data-testid="certificate-pdf-link"
                        href={`/api/v1/evidence/${item.evidenceId}/certificate/pdf`}
                      >
                        {t('certificatePdf')}
                      </a>
                      <a className="text-sky-700 hover:underline" data-testid="certificate-json-link" href={`/api/v1/evidence/${item.evidenceId}/certificate`}>
                        {t('certificateJson')}
                      </a>
                    </>
                  )}
                </p>
              )}
            </li>
          );
        })}
      </ul>

      {editable.length > 0 && (
        <div className="flex flex-wrap gap-3">
          <button
            type="button"
            onClick={() => void uploadAll()}
            disabled={checking}
            data-testid="upload-all"
            className="rounded-md bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-60"
          >
            {t('uploadAll', { count: editable.length })}
          </button>
          {editable.length > 1 && (
            <button type="button" onClick={copyFirstToAll} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium">
              {t('copyFirst')}
            </button>
          )}
        </div>
      )}
      <ConfirmDialog
        testId="same-name-borrower-dialog"
        open={sameName !== null}
        onOpenChange={(open) => {
          if (!open) setSameName(null);
        }}
        title={t('sameName.title')}
        description={t('sameName.description')}
        confirmLabel={t('sameName.confirm')}
        cancelLabel={t('sameName.cancel')}
        onConfirm={() => {
          if (sameName) start(sameName.keys, true);
        }}
      >
        <div className="space-y-1 text-sm">
          <p className="text-slate-600">{t('sameName.onRecord')}</p>
          <ul className="list-disc pl-5" data-testid="same-name-borrowers">
            {sameName?.borrowers.map((b, index) => (
              <li key={index}>
                {b.name} · <span className="mono">{b.identifierHint ?? t('sameName.noIdentifier')}</span>
              </li>
            ))}
          </ul>
        </div>
      </ConfirmDialog>
    </div>
  );
}

type Translate = ReturnType<typeof useTranslations<'lender.upload'>>;

async function uploadOne(item: UploadItem, update: (key: string, patch: Partial<UploadItem>) => void, t: Translate, confirmSameNameBorrower: boolean) {
  update(item.key, { phase: 'hashing', progress: 0, transfer: undefined, error: undefined, fieldErrors: {} });
  try {
    const sha256 = await sha256File(item.file);
    update(item.key, { sha256, phase: 'uploading' });
    const fields: Array<[string, string]> = [];
    for (const field of TEXT_FIELDS) if (item.values[field].trim()) fields.push([field, item.values[field].trim()]);
    if (item.values.type) fields.push(['type', item.values.type]);
    if (confirmSameNameBorrower) fields.push(['confirmSameNameBorrower', 'true']);
    const result = await sendFile({
      file: item.file,
      sha256,
      fields,
      onProgress: (transfer) => update(item.key, { transfer, progress: transfer.totalBytes > 0 ? transfer.sentBytes / transfer.totalBytes : 0 }),
    });
    if (result.status === 201) {
      const uploaded = result.body as UploadedEvidence;
      update(item.key, { progress: 1, phase: 'pending', evidenceId: uploaded.id, duplicateOf: uploaded.duplicateOf ?? undefined });
      return;
    }
    const problem = (result.body ?? {}) as { code?: string; fieldErrors?: Record<string, string[]> };
    if (problem.fieldErrors) {
      const fieldErrors: Partial<Record<FieldName, string>> = {};
      for (const field of Object.keys(problem.fieldErrors)) {
        if ((TEXT_FIELDS as readonly string[]).includes(field) || field === 'type') fieldErrors[field as FieldName] = t(`fieldErrors.${field as FieldName}`);
      }
      update(item.key, { phase: 'failed', progress: 0, fieldErrors, error: t('errors.fixFields') });
      return;
    }
    update(item.key, { phase: 'failed', error: problemMessage(result.status, problem.code, t) });
  } catch {
    update(item.key, { phase: 'failed', error: t('errors.network') });
  }
}

function problemMessage(status: number, code: string | undefined, t: Translate): string {
  if (status === 401) return t('errors.signedOut');
  if (code === 'hash-mismatch') return t('errors.hashMismatch');
  if (code === 'same-name-borrower') return t('errors.sameNameBorrower');
  if (code === 'upload-too-large') return t('errors.tooLarge');
  if (code === 'invalid-upload') return t('errors.invalidFile');
  return t('errors.failedStatus', { status });
}
