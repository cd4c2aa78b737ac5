// The offline verifier page (verify.html in every evidence package). Runs in a browser from disk:
// it reads the package folder or the ZIP, re-hashes every original with streaming SHA-256, and runs
// the proof core's checks on every item, plus the manifest signature. It makes no request to any
// server unless the user enters a chain node's JSON-RPC URL. Bundled with the proof core by
// render-verify-html.ts; no Node built-ins.
import { sha256 } from '@noble/hashes/sha2.js';
import { unzip } from 'fflate';
import { createAnchorLookup } from '../proof/create-anchor-lookup';
import { toHex } from '../proof/hex';
import { checkPackageManifest } from '../proof/package-manifest-signature';
import { checkPackagedReconciliationCertificate } from '../proof/check-packaged-reconciliation-certificate';
import { parsePackageManifest, type VerifiedPackageManifest } from '../proof/package-manifest-schema';
import type { Certificate } from '../proof/certificate-schema';
import type { CheckId, CheckStatus } from '../proof/verification-report';
import { verifyCertificate } from '../proof/verify-certificate';

type Lang = 'zh' | 'en';
const T = {
  title: { zh: '证据包离线核验', en: 'Evidence package: offline verification' },
  intro: {
    zh: '选择解压后的证据包文件夹，或 ZIP 文件本身。所有计算均在本机完成；除非填写区块链节点地址，本页面不发送任何网络请求。',
    en: 'Pick the unpacked package folder, or the ZIP itself. Everything is computed on this machine; this page sends no request unless you enter a chain node URL.',
  },
  folder: { zh: '选择文件夹', en: 'Pick folder' },
  zip: { zh: '选择 ZIP 文件', en: 'Pick ZIP file' },
  rpc: { zh: '区块链节点 JSON-RPC 地址（可选，用于核对链上锚定）', en: 'Chain node JSON-RPC URL (optional, to check the anchor on chain)' },
  verify: { zh: '开始核验', en: 'Verify' },
  working: { zh: '正在核验…', en: 'Verifying…' },
  manifestUnreadable: {
    zh: '清单 manifest.json 无法读取（格式不符），因此无法核验任何证据。',
    en: 'manifest.json cannot be read (it is not a valid manifest), so no item can be checked.',
  },
  noPackage: { zh: '未找到 manifest.json：请选择证据包文件夹或 ZIP。', en: 'No manifest.json found: pick the package folder or its ZIP.' },
  manifest: { zh: '清单签名', en: 'Manifest signature' },
  packageFiles: { zh: '说明、核验页与核验报告与清单一致', en: 'README, this page and the report match the manifest' },
  issuer: { zh: '签发方地址（请与其公布的地址核对）', en: 'Issuer address (compare it with the address the issuer publishes)' },
  item: { zh: '证据', en: 'Item' },
  serial: { zh: '证书编号', en: 'Certificate' },
  subject: { zh: '签发方签署的内容', en: 'Signed by the issuer' },
  subjectUnproven: { zh: '签名未通过，内容未经证实', en: 'Signature failed: not proven' },
  olderFormat: { zh: '旧版证书（第 1、2 版）不含此项', en: 'Not in format versions 1 and 2' },
  submittedBy: { zh: '提交机构', en: 'Submitted by' },
  borrower: { zh: '借款人', en: 'Borrower' },
  loan: { zh: '借据号', en: 'Loan reference' },
  result: { zh: '结论', en: 'Result' },
  pass: { zh: '通过', en: 'Pass' },
  fail: { zh: '未通过', en: 'Fail' },
  skipped: { zh: '未执行', en: 'Not run' },
  valid: { zh: '全部通过', en: 'All checks pass' },
  invalid: { zh: '核验未通过', en: 'Verification failed' },
  notAnchored: { zh: '尚未锚定，无证书', en: 'Not anchored yet: no certificate' },
  notRun: { zh: '离线无法执行的检查', en: 'Checks this page could not run' },
  revocationOffline: { zh: '证书吊销状态：需联网向签发方查询。', en: 'Revocation: needs the issuer online.' },
  chainOffline: { zh: '链上锚定：未填写节点地址。', en: 'Chain anchor: no node URL entered.' },
  summary: { zh: '项证据全部通过', en: 'items pass every check' },
  failedSummary: { zh: '项证据未通过', en: 'items failed' },
  loaded: { zh: '个文件已读取，可以开始核验。', en: 'files read; ready to verify.' },
  notZip: { zh: '无法读取该文件：它不是有效的 ZIP 文件', en: 'This file cannot be read: it is not a valid ZIP file' },
  zipTooLarge: {
    zh: 'ZIP 文件较大，浏览器无法整体读入内存：请先解压，再选择解压后的文件夹（逐个文件流式计算，大小不限）。',
    en: 'This ZIP is too large to read into the browser’s memory at once: unpack it and pick the unpacked folder instead (files are then hashed as streams, whatever their size).',
  },
} satisfies Record<string, Record<Lang, string>>;

const CHECK_NAMES: Record<CheckId | 'manifest', Record<Lang, string>> = {
  'certificate-format': { zh: '证书格式', en: 'Certificate format' },
  'file-hash': { zh: '文件哈希', en: 'File hash' },
  leaf: { zh: '叶子', en: 'Leaf' },
  'inclusion-proof': { zh: '包含证明', en: 'Inclusion proof' },
  'reconciliation-proof': { zh: '对账证明', en: 'Reconciliation proof' },
  'chain-anchor': { zh: '链上锚定', en: 'Chain anchor' },
  signature: { zh: '签发方签名', en: 'Issuer signature' },
  revocation: { zh: '吊销状态', en: 'Revocation' },
  timestamp: { zh: '可信时间戳', en: 'Trusted timestamp' },
  manifest: { zh: '与清单一致', en: 'Matches the manifest' },
};

type ManifestItem = VerifiedPackageManifest['items'][number];

interface PackageFile {
  path: string;
  sha256?: string;
}

/** Package files the manifest covers by digest: the README, this page, the report. */
interface FilesResult {
  checked: number;
  problems: string[];
}

/** A proof-core check, or one of the package's own (the certificate and original are present and
 * are the ones the manifest lists). */
interface PageCheck {
  id: CheckId | 'manifest';
  status: CheckStatus;
  code: string;
  message: string;
}

interface ItemResult {
  item: ManifestItem;
  checks: PageCheck[];
  valid: boolean | null;
  /** A version 3 certificate's signed subject, shown only once its signature check passed. */
  subject?: Certificate['subject'] | 'unproven';
}

let lang: Lang = (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
let files = new Map<string, Blob>();
let lastResults: {
  manifest: ReturnType<typeof checkPackageManifest>;
  /** Why manifest.json could not be read, when it could not: then no item was checked. */
  unreadable?: string;
  items: ItemResult[];
  files: FilesResult;
  issuer: string;
  chain: boolean;
} | null = null;

const $ = <E extends HTMLElement>(id: string) => document.getElementById(id) as E;
const t = (key: keyof typeof T) => T[key][lang];

/** Strips the package's top folder, so paths read as in manifest.json. */
function normalise(entries: Array<[string, Blob]>): Map<string, Blob> {
  const manifestPath = entries.map(([path]) => path).find((path) => path === 'manifest.json' || path.endsWith('/manifest.json'));
  const prefix = manifestPath ? manifestPath.slice(0, -'manifest.json'.length) : '';
  return new Map(entries.filter(([path]) => path.startsWith(prefix)).map(([path, blob]) => [path.slice(prefix.length), blob]));
}

/** A ZIP is unpacked in memory (fflate reads the whole archive); a larger one is read as a folder,
 * whose files are hashed as streams. */
const MAX_ZIP_BYTES = 1024 * 1024 * 1024;

async function readZip(file: File): Promise<Map<string, Blob>> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const unpacked = await new Promise<Record<string, Uint8Array>>((resolve, reject) =>
    unzip(bytes, (error, result) => (error ? reject(error) : resolve(result))),
  );
  return normalise(Object.entries(unpacked).map(([path, data]) => [path, new Blob([data as BlobPart])]));
}

async function sha256Of(blob: Blob): Promise<Uint8Array> {
  const hash = sha256.create();
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hash.update(value);
  }
  return hash.digest();
}

/** Null when the file is present and has the digest the manifest lists (or lists none), else what is wrong. */
async function fileProblem(file: PackageFile): Promise<string | null> {
  const blob = files.get(file.path);
  if (!blob) return `${file.path} is missing from the package.`;
  if (file.sha256 === undefined) return null;
  const actual = toHex(await sha256Of(blob));
  return actual === file.sha256 ? null : `${file.path} has SHA-256 ${actual}, not the ${file.sha256} the manifest lists.`;
}

async function verifyPackage(): Promise<void> {
  const manifestBlob = files.get('manifest.json');
  const signatureBlob = files.get('manifest.sig.json');
  if (!manifestBlob) {
    $('status').textContent = t('noPackage');
    return;
  }
  $('status').textContent = t('working');
  const manifestBytes = new Uint8Array(await manifestBlob.arrayBuffer());
  const manifestCheck = checkPackageManifest(manifestBytes, signatureBlob ? await signatureBlob.text() : '');
  const parsed = parsePackageManifest(manifestBytes);
  if (!parsed.ok) {
    // Nothing else can be checked without the manifest's list of items and files.
    lastResults = { manifest: manifestCheck.ok ? parsed : manifestCheck, unreadable: parsed.message, items: [], files: { checked: 0, problems: [] }, issuer: '—', chain: false };
    render();
    return;
  }
  const { manifest } = parsed;
  const rpcUrl = ($('rpc') as HTMLInputElement).value.trim();
  const chain = rpcUrl ? createAnchorLookup({ rpcUrl }) : undefined;
  const issuer = manifest.issuer.address.toLowerCase();
  const items: ItemResult[] = [];
  for (const item of manifest.items) {
    const original = item.original ? files.get(item.original) : undefined;
    const fileSha256 = original ? await sha256Of(original) : undefined;
    if (!item.certificate) {
      // Not anchored yet: no proof to run, but the signed manifest still names the original's SHA-256.
      const checks: PageCheck[] = [];
      if (fileSha256) {
        const same = toHex(fileSha256) === item.sha256;
        checks.push({
          id: 'file-hash',
          status: same ? 'pass' : 'fail',
          code: same ? 'package.original-matches-manifest' : 'package.original-differs-from-manifest',
          message: same ? 'The original has the SHA-256 the manifest lists.' : `${item.original} does not have the SHA-256 the manifest lists (${item.sha256}).`,
        });
      }
      items.push({ item, checks, valid: checks.some((check) => check.status === 'fail') ? false : null });
      continue;
    }
    const certificateBlob = files.get(item.certificate.json);
    const checks: PageCheck[] = [];
    if (!certificateBlob) {
      checks.push({ id: 'certificate-format', status: 'fail', code: 'package.certificate-missing', message: `${item.certificate.json} is missing from the package.` });
      items.push({ item, checks, valid: false });
      continue;
    }
    if (item.original && !original) {
      checks.push({ id: 'file-hash', status: 'fail', code: 'package.original-missing', message: `${item.original} is missing from the package.` });
    }
    const report = await verifyCertificate({ certificate: await certificateBlob.text(), fileSha256, chain, trustedIssuers: [issuer] });
    checks.push(...report.checks.filter((check) => !(check.id === 'file-hash' && checks.some((c) => c.id === 'file-hash'))));
    const certificate = report.certificate;
    const matches = certificate !== undefined && certificate.evidence.sha256 === item.sha256 && certificate.serial === item.certificate.serial && certificate.evidence.id === item.evidenceId;
    const fileProblems = (
      await Promise.all([
        fileProblem({ path: item.certificate.json, sha256: item.certificate.jsonSha256 }),
        fileProblem({ path: item.certificate.pdf, sha256: item.certificate.pdfSha256 }),
      ])
    ).filter((problem) => problem !== null);
    checks.push({
      id: 'manifest',
      status: matches && fileProblems.length === 0 ? 'pass' : 'fail',
      code: matches && fileProblems.length === 0 ? 'package.matches-manifest' : 'package.differs-from-manifest',
      message: !matches
        ? 'The certificate does not match the manifest entry (id, serial or SHA-256).'
        : fileProblems.length > 0
          ? fileProblems.join(' ')
          : 'The certificate and its PDF are the ones the manifest lists.',
    });
    const signed = report.checks.some((check) => check.id === 'signature' && check.status === 'pass');
    const subject = certificate?.subject === undefined ? undefined : signed ? certificate.subject : 'unproven';
    items.push({ item, checks, valid: checks.every((check) => check.status !== 'fail'), subject });
  }
  chain?.close();
  const packageFiles: PackageFile[] = [
    ...(manifest.readme ? [manifest.readme] : []),
    ...(manifest.verifier ? [manifest.verifier] : []),
    ...(manifest.report
      ? [
          { path: manifest.report.json, sha256: manifest.report.jsonSha256 },
          { path: manifest.report.pdf, sha256: manifest.report.pdfSha256 },
        ]
      : []),
  ];
  const reconciliation = manifest.reconciliationCertificates ?? [];
  packageFiles.push(...reconciliation);
  const problems = (await Promise.all(packageFiles.map(fileProblem))).filter((problem) => problem !== null);
  for (const entry of reconciliation) {
    const blob = files.get(entry.path);
    if (!blob) continue; // fileProblem named it
    const problem = await checkPackagedReconciliationCertificate({ text: await blob.text(), entry, issuer });
    if (problem !== null) problems.push(problem);
  }
  lastResults = { manifest: manifestCheck, items, files: { checked: packageFiles.length, problems }, issuer, chain: chain !== undefined };
  render();
}

function subjectText({ subject, valid }: ItemResult): string {
  if (subject === 'unproven') return t('subjectUnproven');
  if (subject === undefined) return valid === null ? '—' : t('olderFormat');
  const parts = [`${t('submittedBy')}: ${subject.organization?.name ?? '—'}`];
  if (subject.borrower) parts.push(`${t('borrower')}: ${subject.borrower.name}${subject.borrower.identifierHint ? ` (${subject.borrower.identifierHint})` : ''}`);
  if (subject.loanReference) parts.push(`${t('loan')}: ${subject.loanReference}`);
  return parts.join(' · ');
}

function cell(text: string, className = ''): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function render(): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const element of document.querySelectorAll<HTMLElement>('[data-t]')) element.textContent = t(element.dataset.t as keyof typeof T);
  const out = $('results');
  out.replaceChildren();
  if (!lastResults) return;
  const { manifest, unreadable, items, files: packageFiles, issuer, chain } = lastResults;
  if (unreadable !== undefined) {
    $('status').textContent = t('manifestUnreadable');
    $('status').className = 'bad';
    const line = document.createElement('p');
    line.id = 'manifest-result';
    line.className = 'bad';
    const reasons = manifest.ok ? [] : [`(${manifest.code}) ${manifest.message}`];
    // The signature can fail before the manifest is read; say both then.
    if (manifest.ok || manifest.code !== 'package.manifest-malformed') reasons.push(`(package.manifest-malformed) ${unreadable}`);
    line.textContent = `${t('manifest')}: ${t('fail')} ${reasons.join(' ')}`;
    out.append(line);
    return;
  }
  const failed = items.filter((result) => result.valid === false).length + (manifest.ok ? 0 : 1) + (packageFiles.problems.length > 0 ? 1 : 0);
  $('status').textContent = failed === 0 ? `${t('valid')} (${items.filter((r) => r.valid).length} ${t('summary')})` : `${t('invalid')}: ${failed} ${t('failedSummary')}`;
  $('status').className = failed === 0 ? 'ok' : 'bad';

  const manifestLine = document.createElement('p');
  manifestLine.id = 'manifest-result';
  manifestLine.className = manifest.ok ? 'ok' : 'bad';
  manifestLine.textContent = `${t('manifest')}: ${manifest.ok ? t('pass') : `${t('fail')} (${manifest.code}) ${manifest.message}`}`;
  const filesLine = document.createElement('p');
  filesLine.id = 'package-files-result';
  filesLine.className = packageFiles.problems.length === 0 ? 'ok' : 'bad';
  filesLine.textContent = `${t('packageFiles')}: ${
    packageFiles.problems.length === 0 ? `${t('pass')} (${packageFiles.checked})` : `${t('fail')} (package.file-differs-from-manifest) ${packageFiles.problems.join(' ')}`
  }`;
  const issuerLine = document.createElement('p');
  issuerLine.textContent = `${t('issuer')}: ${issuer}`;
  out.append(manifestLine, filesLine, issuerLine);

  const table = document.createElement('table');
  const head = document.createElement('tr');
  for (const label of [t('item'), t('serial'), t('subject'), t('result')]) {
    const th = document.createElement('th');
    th.textContent = label;
    head.append(th);
  }
  table.append(head);
  for (const result of items) {
    const row = document.createElement('tr');
    row.dataset.evidenceId = result.item.evidenceId;
    row.append(
      cell(`${result.item.position}. ${result.item.title ?? result.item.fileName}`),
      cell(result.item.certificate?.serial ?? '—'),
      cell(subjectText(result), result.subject === 'unproven' ? 'bad' : ''),
    );
    if (result.valid === null) row.append(cell(t('notAnchored'), 'skip'));
    else {
      const failing = result.checks.filter((check) => check.status === 'fail');
      const text = failing.length === 0
        ? t('pass')
        : `${t('fail')}: ${failing.map((check) => `${CHECK_NAMES[check.id][lang] ?? check.id} [${check.id}] ${check.message}`).join('; ')}`;
      row.append(cell(text, failing.length === 0 ? 'ok' : 'bad'));
    }
    table.append(row);
  }
  out.append(table);
  const notRun = document.createElement('p');
  notRun.textContent = `${t('notRun')}: ${t('revocationOffline')}${chain ? '' : ` ${t('chainOffline')}`}`;
  out.append(notRun);
}

function showLoaded(): void {
  lastResults = null;
  render();
  $('status').className = '';
  $('status').textContent = files.has('manifest.json') ? `${files.size} ${t('loaded')}` : t('noPackage');
}

function main(): void {
  ($('folder') as HTMLInputElement).addEventListener('change', (event) => {
    const list = [...((event.target as HTMLInputElement).files ?? [])];
    files = normalise(list.map((file) => [file.webkitRelativePath || file.name, file]));
    showLoaded();
  });
  ($('zip') as HTMLInputElement).addEventListener('change', async (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    if (file.size > MAX_ZIP_BYTES) {
      files = new Map();
      lastResults = null;
      render();
      $('status').textContent = t('zipTooLarge');
      $('status').className = 'bad';
      return;
    }
    $('status').textContent = t('working');
    try {
      files = await readZip(file);
    } catch (error) {
      files = new Map();
      $('status').textContent = `${t('notZip')} (${error instanceof Error ? error.message : String(error)})`;
      $('status').className = 'bad';
      return;
    }
    showLoaded();
  });
  $('run').addEventListener('click', () => {
    verifyPackage().catch((error: unknown) => {
      $('status').textContent = error instanceof Error ? error.message : String(error);
      $('status').className = 'bad';
    });
  });
  $('lang').addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    render();
  });
  render();
}

main();
