// Writes the upload spreadsheet templates (public/templates/) from the column list the form reads
// (lib/upload-spreadsheet/spreadsheet-columns.ts): XLSX and UTF-8 CSV (with BOM, so Excel reads the
// Chinese), headers in Chinese or English, one example row. Run after changing the columns:
//   npx tsx scripts/write-upload-templates.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { CSV_BOM, csvLine } from '../lib/csv/csv-line';
import { SPREADSHEET_COLUMNS, SPREADSHEET_FIELDS, TYPE_NAMES } from '../lib/upload-spreadsheet/spreadsheet-columns';
import { writeXlsx } from '../lib/upload-spreadsheet/write-xlsx';

const DIRECTORY = 'public/templates';
const EXAMPLE = {
  zh: ['借款合同/L-2026-000123.pdf', '个人借款合同', TYPE_NAMES.loan_contract.zh, 'L-2026-000123', '张伟', '44010419900307451X', '', ''],
  en: ['contracts/L-2026-000123.pdf', 'Personal loan contract', TYPE_NAMES.loan_contract.en, 'L-2026-000123', 'Zhang Wei', '44010419900307451X', '', ''],
};

mkdirSync(DIRECTORY, { recursive: true });
for (const language of ['zh', 'en'] as const) {
  const header = SPREADSHEET_FIELDS.map((field) => SPREADSHEET_COLUMNS[field][language]);
  writeFileSync(`${DIRECTORY}/evident-upload-${language}.xlsx`, writeXlsx([header, EXAMPLE[language]], language === 'zh' ? '上传清单' : 'Upload list'));
  writeFileSync(`${DIRECTORY}/evident-upload-${language}.csv`, CSV_BOM + csvLine(header) + csvLine(EXAMPLE[language]));
  console.log(`wrote ${DIRECTORY}/evident-upload-${language}.{xlsx,csv}`);
}
