'use client';

// The upload spreadsheet: the lender picks a CSV or XLSX with one row per file; it is read in the
// browser (lib/upload-spreadsheet) and every problem is listed by row and column before anything is
// sent, with the files no row names and the rows that name no added file.
import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';
import type { SpreadsheetMatch } from '@/lib/upload-spreadsheet/match-spreadsheet-rows';
import { readSpreadsheetTable, UnreadableSpreadsheetError } from '@/lib/upload-spreadsheet/read-spreadsheet-table';
import { readUploadSpreadsheet, type SpreadsheetIssue, type UploadSpreadsheet } from '@/lib/upload-spreadsheet/read-upload-spreadsheet';

export interface LoadedSpreadsheet {
  name: string;
  spreadsheet: UploadSpreadsheet;
}

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function SpreadsheetPanel({
  sheet,
  match,
  pathOf,
  blocked,
  onChange,
}: {
  sheet: LoadedSpreadsheet | null;
  match: SpreadsheetMatch | null;
  /** An added file's path, by item key. */
  pathOf: (key: string) => string;
  /** The lender tried to upload while the spreadsheet has problems. */
  blocked: boolean;
  onChange: (sheet: LoadedSpreadsheet | null) => void;
}) {
  const t = useTranslations('lender.upload.sheet');
  const fields = useTranslations('lender.upload.fields');
  const fieldErrors = useTranslations('lender.upload.fieldErrors');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const load = async (file: File) => {
    setError(null);
    try {
      onChange({ name: file.name, spreadsheet: readUploadSpreadsheet(await readSpreadsheetTable(file)) });
    } catch (cause) {
      onChange(null);
      if (cause instanceof UnreadableSpreadsheetError) setError(t(`unreadable.${cause.code}`, { row: cause.row ?? 0 }));
      else setError(t('unreadable.unreadable-xlsx'));
    }
  };

  const describe = (issue: SpreadsheetIssue) => {
    const column = issue.column ?? (issue.field === 'fileName' ? t('fileNameColumn') : issue.field ? fields(issue.field) : '');
    const message =
      issue.code === 'invalid-value' && issue.field && issue.field !== 'fileName'
        ? fieldErrors(issue.field)
        : t(`issue.${issue.code}`, { detail: issue.detail ?? '', column: issue.column ?? '' });
    return { column, message };
  };
  const issues = [...(sheet?.spreadsheet.issues ?? []), ...(match?.issues ?? [])].sort((a, b) => a.row - b.row);

  return (
    <section data-testid="spreadsheet-panel" aria-labelledby="spreadsheet-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <h2 id="spreadsheet-heading" className="font-medium">
        {t('heading')}
      </h2>
      <p className="text-xs text-slate-600">{t('intro')}</p>
      <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        <span className="text-slate-600">{t('templates')}</span>
        <a className="text-sky-700 underline" href="/templates/evident-upload-zh.xlsx" download>
          中文 XLSX
        </a>
        <a className="text-sky-700 underline" href="/templates/evident-upload-zh.csv" download>
          中文 CSV
        </a>
        <a className="text-sky-700 underline" href="/templates/evident-upload-en.xlsx" download>
          English XLSX
        </a>
        <a className="text-sky-700 underline" href="/templates/evident-upload-en.csv" download>
          English CSV
        </a>
      </p>
      <div className="space-y-1 text-sm">
        <label htmlFor="spreadsheet-input" className="text-slate-600">
          {t('choose')}
        </label>
        <input
          ref={inputRef}
          id="spreadsheet-input"
          type="file"
          accept={ACCEPT}
          data-testid="spreadsheet-input"
          className="block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void load(file);
          }}
        />
      </div>
      {error && (
        <p role="alert" data-testid="spreadsheet-error" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {sheet && (
        <div className="space-y-2 text-sm">
          <p data-testid="spreadsheet-summary" className="flex flex-wrap items-center gap-3">
            <span>
              {t('summary', { name: sheet.name, rows: sheet.spreadsheet.rows.length + new Set(sheet.spreadsheet.issues.filter((i) => i.row > 1).map((i) => i.row)).size, matched: match?.rowOf.size ?? 0 })}
            </span>
            <button
              type="button"
              data-testid="spreadsheet-remove"
              className="text-xs text-slate-600 underline hover:text-red-700"
              onClick={() => {
                onChange(null);
                if (inputRef.current) inputRef.current.value = '';
              }}
            >
              {t('remove')}
            </button>
          </p>
          {sheet.spreadsheet.ignoredColumns.length > 0 && <p className="text-xs text-slate-600">{t('ignoredColumns', { columns: sheet.spreadsheet.ignoredColumns.join('、') })}</p>}
          {issues.length > 0 && (
            <div role={blocked ? 'alert' : undefined} className="rounded-md border border-red-300 bg-red-50 p-3">
              <p className="font-medium text-red-800">{blocked ? t('blocked') : t('issuesHeading', { count: issues.length })}</p>
              <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="spreadsheet-issues">
                {issues.map((issue, index) => {
                  const { column, message } = describe(issue);
                  return (
                    <li key={index} data-testid="spreadsheet-issue" data-row={issue.row} data-field={issue.field} className="text-red-800">
                      {t('issueAt', { row: issue.row, column })}
                      {message}
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
          {match && match.rowsWithoutFile.length > 0 && (
            <div data-testid="rows-without-file" className="text-amber-900">
              <p>{t('rowsWithoutFile', { count: match.rowsWithoutFile.length })}</p>
              <ul className="list-disc pl-5 break-all">
                {match.rowsWithoutFile.map((row) => (
                  <li key={row.row}>{t('rowFile', { row: row.row, name: row.fileName })}</li>
                ))}
              </ul>
            </div>
          )}
          {match && match.filesWithoutRow.length > 0 && (
            <div data-testid="files-without-row" className="text-amber-900">
              <p>{t('filesWithoutRow', { count: match.filesWithoutRow.length })}</p>
              <ul className="list-disc pl-5 break-all">
                {match.filesWithoutRow.map((key) => (
                  <li key={key}>{pathOf(key)}</li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
