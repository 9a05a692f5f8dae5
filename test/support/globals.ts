/** Installs an emulator's Apps Script globals on globalThis for workspace-level tests (the bundle gets them via node:vm). */
import { createEmulator, Emulator, EmulatorOptions } from '../../emulator';

const installed: string[] = [];

export function withEmulator(options: EmulatorOptions = {}): Emulator {
  const emu = createEmulator(options);
  for (const [name, service] of Object.entries(emu.globals)) {
    (globalThis as Record<string, unknown>)[name] = service;
    installed.push(name);
  }
  return emu;
}

afterEach(() => {
  for (const name of installed.splice(0)) delete (globalThis as Record<string, unknown>)[name];
});

/** Shift_JIS bytes for a string, built from the platform decoder (no encoder ships with Node). */
let sjisTable: Map<string, number[]> | null = null;
export function encodeShiftJis(text: string): Uint8Array {
  if (!sjisTable) {
    sjisTable = new Map();
    const decoder = new TextDecoder('shift_jis');
    for (let b = 0x20; b < 0x7f; b++) sjisTable.set(String.fromCharCode(b), [b]);
    for (let hi = 0x81; hi <= 0xfc; hi++) {
      if (hi > 0x9f && hi < 0xe0) continue;
      for (let lo = 0x40; lo <= 0xfc; lo++) {
        if (lo === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([hi, lo]));
        if (ch.length === 1 && ch !== '\uFFFD' && !sjisTable.has(ch)) sjisTable.set(ch, [hi, lo]);
      }
    }
    // WHATWG decodes 0x8160 as U+FF5E; Excel users type U+301C for the same key.
    sjisTable.set('\u301C', sjisTable.get('\uFF5E')!);
    sjisTable.set('\u2212', sjisTable.get('\uFF0D')!);
    sjisTable.set('\n', [0x0a]);
    sjisTable.set('\r', [0x0d]);
  }
  const out: number[] = [];
  for (const ch of text) {
    const bytes = sjisTable.get(ch);
    if (!bytes) throw new Error(`not encodable in Shift_JIS: ${ch}`);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

export const toBase64 = (bytes: Uint8Array | string) => Buffer.from(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64');

/** Fictional agencies, n of them, in the fixture's CSV shape. */
export function syntheticAgenciesCsv(n: number): string {
  const header = '名称,名称カナ,種別,運営法人,郵便番号,所在地,最寄駅,電話,FAX,メール,URL,対象障害,企業向け支援,企業向け窓口,特色,開所日時,グループ,加入日,掲載同意,同意日';
  const kinds = ['就労移行支援', '就労継続支援A型', '就労継続支援B型', '就労定着支援'];
  const lines = Array.from({ length: n }, (_, i) => {
    const phone = `０３－${String(1000 + (i % 9000)).padStart(4, '0')}－${String(i).padStart(4, '0')}`;
    return [`テスト団体${i}`, `テストダンタイ${'アイウエオカキクケコ'[i % 10]}${i}`, kinds[i % 4], '', `101-${String(i % 10000).padStart(4, '0')}`, '東京都千代田区', '', phone, '', `t${i}@example.jp`, '', '身体;知的', '雇用相談', '', '', '', i % 2 ? 'A' : 'B', '2024-04-01', i % 3 ? '同意' : '未同意', i % 3 ? '2024-05-01' : ''].join(',');
  });
  return [header, ...lines].join('\n') + '\n';
}
