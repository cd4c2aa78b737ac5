// PEM armour for certificates and keys (RFC 7468): the one place DER becomes text and back. No
// Buffer, so the browser verifier can read PEM trust anchors too.

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

export function toPem(label: string, der: Uint8Array): string {
  let binary = '';
  for (const byte of der) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Every PEM block in the text, in order; text outside the blocks is ignored. */
export function fromPem(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const binary = atob(match[2].replace(/\s+/g, ''));
    blocks.push({ label: match[1], der: Uint8Array.from(binary, (c) => c.charCodeAt(0)) });
  }
  return blocks;
}
