'use client';

// The fields every added file takes unless its spreadsheet row or its own fields say otherwise: type,
// loan reference and borrower. Each value is checked as typed with the server's rules.
import { useTranslations } from 'next-intl';
import { EVIDENCE_TYPES } from '@/lib/evidence/evidence-schemas';
import { checkUploadField } from '@/lib/upload-spreadsheet/check-upload-field';
import type { SharedValues } from './item-values';

const TEXT_FIELDS = ['loanReference', 'borrowerName', 'borrowerIdNumber', 'borrowerPhone', 'borrowerEmail'] as const;

export function SharedFields({ values, onChange }: { values: SharedValues; onChange: (values: SharedValues) => void }) {
  const t = useTranslations('lender.upload');
  const common = useTranslations('common');
  const set = (field: keyof SharedValues, value: string) => onChange({ ...values, [field]: value });
  const inputClass = (invalid: boolean) => `w-full rounded-md border bg-white px-2 py-1.5 text-sm ${invalid ? 'border-red-500' : 'border-slate-300'}`;
  return (
    <fieldset data-testid="shared-fields" className="space-y-3 rounded-lg bg-white p-4 shadow-sm">
      <legend className="px-1 font-medium">{t('shared.heading')}</legend>
      <p className="text-xs text-slate-600">{t('shared.intro')}</p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <div className="space-y-1 text-sm">
          <label htmlFor="shared-type" className="text-slate-600">
            {t('fields.type')}
          </label>
          <select id="shared-type" name="shared-type" value={values.type} onChange={(e) => set('type', e.target.value)} className={inputClass(false)}>
            <option value="">{t('shared.noType')}</option>
            {EVIDENCE_TYPES.map((type) => (
              <option key={type} value={type}>
                {common(`evidenceType.${type}`)}
              </option>
            ))}
          </select>
        </div>
        {TEXT_FIELDS.map((field) => {
          const value = values[field];
          const invalid = value.trim() !== '' && checkUploadField(field, value) !== null;
          return (
            <div key={field} className="space-y-1 text-sm">
              <label htmlFor={`shared-${field}`} className="text-slate-600">
                {t(`fields.${field}`)}
              </label>
              <input
                id={`shared-${field}`}
                name={`shared-${field}`}
                type={field === 'borrowerPhone' ? 'tel' : field === 'borrowerEmail' ? 'email' : 'text'}
                value={value}
                aria-invalid={invalid || undefined}
                aria-describedby={invalid ? `shared-${field}-error` : undefined}
                onChange={(e) => set(field, e.target.value)}
                className={inputClass(invalid)}
              />
              {invalid && (
                <p id={`shared-${field}-error`} role="alert" className="text-xs text-red-700">
                  {t(`fieldErrors.${field}`)}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
