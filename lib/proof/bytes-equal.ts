// Byte-wise equality for hashes; the core compares Uint8Arrays, never hex strings.

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
