/** Shared set-up for the pamphlet tests: a registry, the emulator's view of Docs and Drive, valid synthetic agencies. */
import type { Emulator } from '../../emulator';
import { documentSections } from '../../emulator/drive';
import { documentToPlainLines, renderDocumentHtml } from '../../emulator/render-html';

/** n valid agencies (katakana kana, unique names and phones), all consented, spread over `kinds`. */
export function validAgenciesCsv(n: number, kinds = ['就労移行支援', '就労継続支援A型', '就労継続支援B型', '就労定着支援']): string {
  const header = '名称,名称カナ,種別,運営法人,郵便番号,所在地,最寄駅,電話,FAX,メール,URL,対象障害,企業向け支援,企業向け窓口,特色,開所日時,グループ,加入日,掲載同意,同意日';
  const kana = 'アイウエオカキクケコサシスセソタチツテト';
  const kanaOf = (i: number) => String(i).padStart(4, '0').split('').map((d) => kana[Number(d) * 2]!).join('');
  const lines = Array.from({ length: n }, (_, i) => [
    `団体${kanaOf(i)}`, `ダンタイ${kanaOf(i)}`, kinds[i % kinds.length], '', '101-0054', `東京都千代田区神田${i}`, i % 2 ? '神田駅' : '',
    `03-${String(1000 + i).padStart(4, '0')}-${String(2000 + i).padStart(4, '0')}`, i % 3 ? '' : `03-${String(5000 + i).padStart(4, '0')}-0000`,
    `a${i}@example.jp`, '', '身体;知的', '雇用相談;職場実習', '企業担当', '', '月〜金', 'A', '2024-04-01', '同意', '2024-05-01',
  ].join(','));
  return [header, ...lines].join('\n') + '\n';
}

/** The text a reader of the generated Doc sees: header, body (tables cell by cell), footer. */
export function documentText(emu: Emulator, id: string): string {
  return documentToPlainLines(documentSections(emu.drive, id)!).join('\n');
}

export function documentHtml(emu: Emulator, id: string): string {
  const doc = emu.documents.docs.get(id)!;
  return renderDocumentHtml(documentSections(emu.drive, id)!, doc.name);
}

/** Files (not folders) in a Drive folder, by name. */
export function filesIn(emu: Emulator, folderId: string): string[] {
  return [...emu.drive.files.values()].filter((f) => f.parents.includes(folderId)).map((f) => f.name).sort();
}
