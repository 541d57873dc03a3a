/** The two lowercase hex digits of each byte value, as character codes. */
const HEX_CODES = new Uint8Array(512);
for (let i = 0; i < 256; i++) {
  const h = i.toString(16).padStart(2, '0');
  HEX_CODES[2 * i] = h.charCodeAt(0);
  HEX_CODES[2 * i + 1] = h.charCodeAt(1);
}

/** Writes the four hex digits of a 16-bit value at `p` of `buf`; returns the position after them. */
export function writeHex16(buf: Uint8Array, p: number, v: number): number {
  const hi = (v >>> 8) << 1;
  const lo = (v & 255) << 1;
  buf[p] = HEX_CODES[hi];
  buf[p + 1] = HEX_CODES[hi + 1];
  buf[p + 2] = HEX_CODES[lo];
  buf[p + 3] = HEX_CODES[lo + 1];
  return p + 4;
}
