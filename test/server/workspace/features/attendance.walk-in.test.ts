/**
 * Issue 14 item 2 through the built bundle: walk-ins typed by hand into 参加者台帳 are tidied and checked as form
 * rows are by 「出欠を集計」 — a member typed by name (spacing variant) or ふりがな is linked to its id and counted under
 * its agency and 種別; 所属団体 shows the name for every row, the id in 所属団体id; a full-width ＠ is normalised.
 */
import { loadAddOn } from '../../../support/bundle';
import { typeRows } from '../../../support/typing';
import { DEMO_EVENTS } from '../../../../scripts/demo/forms';
import { prepare, sheetRecords } from '../../../support/forms';

const NOW = new Date('2026-02-02T09:00:00+09:00');

test('hand-typed walk-ins are linked to their agency, tidied, and tallied under it', () => {
  const emu = loadAddOn({ now: NOW });
  const forms = prepare(emu, { events: DEMO_EVENTS });
  emu.forms.submit(forms.get('EV-SEMINAR')!.registration.formId, {
    氏名: '森 一郎', ふりがな: 'もり いちろう', 所属: 'ワークサポートあおば', 職種: '就労支援員', メール: 'mori@example.jp', 参加形態: '対面',
  });
  typeRows(emu, '参加者台帳', [
    { 行事id: 'EV-SEMINAR', 氏名: '飛入　花子', ふりがな: 'とびいり はなこ', 所属団体: 'ステップワーク　神田', メール: 'tobiiri＠example.jp', 状態: '申込', 出席: 'TRUE', 経路: '手入力' },
    { 行事id: 'EV-SEMINAR', 氏名: '飛入 次郎', ふりがな: 'とびいり じろう', 所属団体: 'みらいしゅうろうらぼ', メール: 'jiro@example.jp', 状態: '申込', 出席: 'TRUE', 経路: '手入力' },
    { 行事id: 'EV-SEMINAR', 氏名: '区役所 三郎', ふりがな: 'くやくしょ さぶろう', 所属団体: '区役所 障害者福祉課', メール: 'saburo@example.jp', 状態: '申込', 出席: 'TRUE', 経路: '手入力' },
  ]);
  emu.run('tallyAttendance');
  const rows = sheetRecords(emu, '参加者台帳');
  const by = (name: string) => rows.find((r) => String(r['氏名']).replace(/\s|\u3000/g, '') === name)!;
  expect(by('森一郎')).toMatchObject({ 所属団体: 'ワークサポートあおば', 所属団体id: 'AG-001' });
  expect(by('飛入花子')).toMatchObject({ 所属団体: 'ステップワーク神田', 所属団体id: 'AG-003', メール: 'tobiiri@example.jp', 氏名: '飛入\u3000花子' });
  expect(by('飛入次郎')).toMatchObject({ 所属団体: 'みらい就労ラボ', 所属団体id: 'AG-004' });
  expect(by('区役所三郎')).toMatchObject({ 所属団体: '区役所 障害者福祉課', 所属団体id: '' });

  const tally = sheetRecords(emu, '出欠集計').filter((r) => r['行事id'] === 'EV-SEMINAR');
  const line = (section: string, item: string) => tally.find((r) => r['区分'] === section && r['項目'] === item);
  expect(line('団体別', 'ステップワーク神田')).toMatchObject({ 申込: 1, 出席: 1 });
  expect(line('団体別', 'ステップワーク　神田')).toBeUndefined();
  expect(line('団体別', 'みらい就労ラボ')).toMatchObject({ 申込: 1, 出席: 1 });
  expect(line('種別別', '非加盟・その他')).toMatchObject({ 申込: 1, 出席: 1 });
});

test('an e-mail that stays invalid after NFKC is reported at its row and column, not counted as fine', () => {
  const emu = loadAddOn({ now: NOW });
  prepare(emu, { events: DEMO_EVENTS, forms: false });
  typeRows(emu, '参加者台帳', [{ 行事id: 'EV-SEMINAR', 氏名: '飛入 四郎', 所属団体: 'ワークサポートあおば', メール: 'shiro＠example', 状態: '申込', 経路: '手入力' }]);
  emu.run('tallyAttendance');
  const alert = emu.uiState.alerts.at(-1)!.prompt;
  expect(alert).toContain('要確認: 1件');
  expect(alert).toContain('「参加者台帳」シート 2行目「メール」');
  expect(sheetRecords(emu, '参加者台帳')[0]).toMatchObject({ メール: 'shiro＠example', 所属団体id: 'AG-001' });
});
