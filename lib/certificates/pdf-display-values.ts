// How the PDF documents print certificate values: times in China Standard Time with the offset
// spelt out, block timestamps in seconds or milliseconds, byte sizes, absent display fields, the
// RFC 3161 time a certificate's token states, and a version 3 certificate's signed subject.
import enCommon from '../i18n/messages/en/common.json';
import enEvidence from '../i18n/messages/en/evidence.json';
import zhCommon from '../i18n/messages/zh-CN/common.json';
import zhEvidence from '../i18n/messages/zh-CN/evidence.json';
import type { Certificate } from '../proof/certificate-schema';
import { fromHex } from '../proof/hex';
import { verifyTimestampToken } from '../proof/verify-timestamp-token';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
// FISCO BCOS before 3.12 reports block.timestamp in milliseconds; seconds stay below this until 33658.
const MILLISECOND_TIMESTAMP_FLOOR = 1_000_000_000_000n;

export const ABSENT = '—';

/** `2026-01-01 08:00:05 (UTC+8)`, whatever the machine's time zone. */
export function formatChinaTime(date: Date): string {
  const shifted = new Date(date.getTime() + CHINA_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)} (UTC+8)`;
}

/** The block timestamp as a Date, reading values above 10^12 as milliseconds. */
export function blockTimeToDate(blockTime: string): Date {
  const value = BigInt(blockTime);
  return new Date(Number(value > MILLISECOND_TIMESTAMP_FLOOR ? value : value * 1000n));
}

/** `1,234,567 字节 bytes (1.18 MiB)`; the exact count always comes first. */
export function formatByteSize(size: number): string {
  const exact = `${groupDigits(size)} 字节 bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = size;
  let unit = -1;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit++;
  }
  return unit < 0 ? exact : `${exact} (${scaled.toFixed(2)} ${units[unit]})`;
}

/** Display text as printed: control characters become spaces, and empty or absent text a dash. */
export function displayText(value: string | undefined): string {
  const text = (value ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').trim();
  return text === '' ? ABSENT : text;
}

function groupDigits(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The RFC 3161 time printed beside the block time (issue #15: both times on every document): the
 * token's genTime and TSA, read through the one token verifier against the root the certificate
 * carries; a line saying so when it does not verify; null for a certificate without a token. */
export async function timestampLine(certificate: Certificate): Promise<{ time: string; detail: string } | null> {
  if (!certificate.timestamp) return null;
  const der = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const chain = certificate.timestamp.certificates.map(der);
  const checked = await verifyTimestampToken({
    token: der(certificate.timestamp.token),
    root: fromHex(certificate.proof.root, 32),
    trustedRoots: chain.slice(-1),
  });
  if (!checked.ok) return { time: ABSENT, detail: `时间戳无法核验 The timestamp does not verify: ${checked.message}` };
  const seconds = Math.round((checked.timestamp.genTime.getTime() - blockTimeToDate(certificate.anchor.blockTime).getTime()) / 1000);
  return {
    time: formatChinaTime(checked.timestamp.genTime),
    detail: `时间戳机构 TSA: ${displayText(checked.timestamp.tsaName)} · 与上链时间相差 ${seconds} 秒 ${seconds} s from the block time`,
  };
}

/** A format version 3 certificate's signed subject and provenance as the PDFs print them (section 15
 * of docs/proof-format.md), read from the certificate only; null for versions 1 and 2, which sign
 * none of it, so that their documents print none of it either. */
export interface SignedSubjectDisplay {
  organization: string;
  organizationId: string | null;
  title: string;
  evidenceType: string;
  loanReference: string;
  borrowerName: string;
  borrowerIdentifierHint: string | null;
  channel: string;
  source: string[];
}

type EvidenceTypeCode = keyof typeof zhCommon.evidenceType;
type ChannelCode = keyof typeof zhEvidence.provenance.channels;

const SOURCE_LABELS = [
  ['system', '系统 System'],
  ['exportJobId', '导出任务 Export job'],
  ['generatedAt', '生成时间 Generated at'],
  ['generationMethod', '生成方式 Method'],
  ['note', '备注 Note'],
] as const;

export function signedSubjectDisplay(certificate: Certificate): SignedSubjectDisplay | null {
  const { subject, provenance } = certificate;
  if (!subject || !provenance) return null;
  const type = subject.evidenceType;
  const channel = provenance.channel as ChannelCode;
  return {
    organization: displayText(subject.organization?.name),
    organizationId: subject.organization?.id ?? null,
    title: displayText(subject.title ?? undefined),
    evidenceType: type === null ? ABSENT : type in zhCommon.evidenceType ? `${zhCommon.evidenceType[type as EvidenceTypeCode]} ${enCommon.evidenceType[type as EvidenceTypeCode]}` : type,
    loanReference: displayText(subject.loanReference ?? undefined),
    borrowerName: displayText(subject.borrower?.name),
    borrowerIdentifierHint: subject.borrower?.identifierHint ?? null,
    channel: `${zhEvidence.provenance.channels[channel]} ${enEvidence.provenance.channels[channel]}`,
    source: provenance.source
      ? SOURCE_LABELS.flatMap(([field, label]) => (provenance.source?.[field] ? [`${label}: ${displayText(provenance.source[field])}`] : []))
      : [],
  };
}
