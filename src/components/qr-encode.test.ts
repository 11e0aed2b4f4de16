import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeQr } from './qr-encode.js';

const OTPAUTH =
  'otpauth://totp/Gateway%20Console:mfa-setup-user?secret=DSA563WBUDW7BYVTLAGTDKMHZZI3AVNAPLYUV77JWYPEP4XV2DEQ&issuer=Gateway%20Console&algorithm=SHA1&digits=6&period=30';

const fingerprint = (m: boolean[][]) => createHash('sha256').update(m.map((r) => r.map((d) => (d ? '1' : '0')).join('')).join('\n')).digest('hex');

/** Reads the 15 format bits around the top-left finder and checks their BCH code; returns level and mask. */
function formatInfo(m: boolean[][]): { level: number; mask: number } {
  const at = (x: number, y: number): number => (m[y]![x] ? 1 : 0);
  const bits = [0, 1, 2, 3, 4, 5].map((i) => at(8, i)).concat([at(8, 7), at(8, 8), at(7, 8)], [9, 10, 11, 12, 13, 14].map((i) => at(14 - i, 8)));
  const value = bits.reduce((acc: number, b, i) => acc | (b << i), 0) ^ 0x5412;
  const data = value >>> 10;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  expect((data << 10) | rem).toBe(value);
  return { level: data >>> 3, mask: data & 7 };
}

describe('encodeQr', () => {
  // The fingerprints pin matrices that zbarimg (zbar-tools) decoded back to their text when this encoder
  // was written; a change to the encoder must be checked with a decoder again before they are updated.
  it.each([
    ['hello', 21, '683921f56b2988dd454e5f08cc85d949682bd846d510fe13aa028a95d1427918'],
    [OTPAUTH, 53, '8450c82faa3db4d3355446935a3cec6bf80846b0a011072d7c037028cac9b193'],
    ['z'.repeat(200), 57, '156c30f88b7728938114861d36146a2dec80ee623404bd108fe5bac818f0e4c8'],
  ])('encodes %j as a decodable symbol of the smallest version', (text, size, print) => {
    const m = encodeQr(text);
    expect(m).toHaveLength(size);
    expect(m.every((row) => row.length === size)).toBe(true);
    expect(fingerprint(m)).toBe(print);
    expect(formatInfo(m)).toMatchObject({ level: 0 }); // level M
  });

  it('draws the three finder patterns and the timing lines', () => {
    const m = encodeQr(OTPAUTH);
    const n = m.length;
    for (const [x0, y0] of [[0, 0], [n - 7, 0], [0, n - 7]] as const) {
      for (let d = 0; d < 7; d++) {
        expect(m[y0]![x0 + d]).toBe(true);
        expect(m[y0 + 6]![x0 + d]).toBe(true);
      }
      expect(m[y0 + 1]![x0 + 1]).toBe(false);
      expect(m[y0 + 3]![x0 + 3]).toBe(true);
    }
    for (let i = 8; i < n - 8; i++) expect(m[6]![i]).toBe(i % 2 === 0);
  });

  it('refuses text longer than a version 40 symbol holds', () => {
    expect(() => encodeQr('x'.repeat(3000))).toThrow('Text too long');
  });
});
