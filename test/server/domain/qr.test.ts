/** The QR picture the add-on prints: a GIF that any decoder reads back, whose code scans to the text. */
import decodeQR from 'qr/decode.js';
import { qrGif, qrModules, utf8 } from '../../../src/server/domain/qr';
import { decodeGif } from '../../../emulator/gif';

function scan(gif: Uint8Array): string {
  const { width, height, grey } = decodeGif(gif);
  const data = new Uint8Array(width * height * 4);
  grey.forEach((g, i) => { data.set([g, g, g, 255], i * 4); });
  return decodeQR({ width, height, data });
}

describe('QR codes made inside Apps Script', () => {
  test('a check-in form URL scans back to itself', () => {
    const url = 'https://docs.google.com/forms/d/e/1FAIpQLSf-check-in-EV-SEMINAR/viewform';
    const gif = qrGif(url, 4);
    expect(String.fromCharCode(...gif.subarray(0, 6))).toBe('GIF89a');
    expect(scan(gif)).toBe(url);
  });

  test('Japanese text and a long URL scan back (the LZW table restarts past 4,096 codes)', () => {
    const text = `受付：就労支援ネットワーク セミナー ${'x'.repeat(300)}`;
    const gif = qrGif(text, 8);
    expect(gif.length).toBeGreaterThan(1000);
    expect(scan(gif)).toBe(text);
  });

  test('without TextEncoder (as in Apps Script) the code is the same, and none is left behind', () => {
    const url = 'https://example.com/受付?id=1';
    const withIt = qrModules(url);
    const saved = globalThis.TextEncoder;
    delete (globalThis as { TextEncoder?: unknown }).TextEncoder;
    try {
      expect(qrModules(url)).toEqual(withIt);
      expect(typeof (globalThis as { TextEncoder?: unknown }).TextEncoder).toBe('undefined');
    } finally {
      globalThis.TextEncoder = saved;
    }
    expect([...utf8('aé受😀')]).toEqual([...new TextEncoder().encode('aé受😀')]);
  });

  test('the picture has the quiet zone and the modules at the scale asked for', () => {
    const modules = qrModules('https://example.com/');
    const { width, grey } = decodeGif(qrGif('https://example.com/', 3));
    expect(width).toBe((modules.length + 8) * 3);
    // Top-left finder pattern starts after 4 quiet modules: pixel (12,12) is dark, (11,11) is light.
    expect(grey[12 * width + 12]).toBe(0);
    expect(grey[11 * width + 11]).toBe(255);
  });
});
