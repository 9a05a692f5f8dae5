/** 行事の案内 (issue 17 item 6), pure: an event's 招待先 through 会議's resolver, and who is still due given the records. */
import { InviteRecord, planInvites } from '../../../src/server/domain/event-invites';

const AGENCIES = [
  { id: 'AG-001', name: 'あおば', email: 'info@aoba.example.jp', group: 'A' },
  { id: 'AG-002', name: 'かがやき', email: 'k@example.jp', group: 'B' },
];
const PARTNERS = [
  { id: 'K001', kind: '区役所', name: '障害福祉課', email: 'fukushi@city.example.jp', invite: true, row: 2 },
  { id: 'K002', kind: 'ハローワーク', name: '専門援助部門', email: 'senmon@hw.example.jp', invite: true, row: 3 },
  { id: 'K003', kind: 'ハローワーク', name: '職業相談部門', email: 'soudan@hw.example.jp', invite: false, row: 4 },
  { id: 'K004', kind: '特別支援学校', name: '○○特別支援学校', email: '', invite: true, row: 5 },
];

test('関係機関:<種別> takes the ticked partners of that kind; ids and groups mix; duplicates once, in 招待先 order', () => {
  const p = planInvites('EV-1', '関係機関:ハローワーク、K003; グループA, senmon@hw.example.jp', 2, AGENCIES, PARTNERS, []);
  expect(p.due).toEqual(['senmon@hw.example.jp', 'soudan@hw.example.jp', 'info@aoba.example.jp']);
  expect(p.problems).toEqual([]);
});

test('関係機関 alone: every ticked partner; one without e-mail is a warning at its row, the others still due', () => {
  const p = planInvites('EV-1', '関係機関', 7, AGENCIES, PARTNERS, []);
  expect(p.due).toEqual(['fukushi@city.example.jp', 'senmon@hw.example.jp']);
  expect(p.problems).toEqual([{ severity: 'warning', row: 7, column: 'invitees', code: 'partnerNoEmail', params: { name: '○○特別支援学校', id: 'K004', value: '', partnerRow: 5 } }]);
});

test('an unknown kind or id is an error (the workspace sends nothing); a formula-looking token is only text', () => {
  expect(planInvites('EV-1', '関係機関:市役所', 2, AGENCIES, PARTNERS, []).problems.map((x) => [x.severity, x.code])).toEqual([['error', 'unknownPartnerKind']]);
  const hostile = planInvites('EV-1', '=IMPORTXML(A1)', 2, AGENCIES, PARTNERS, []);
  expect(hostile.due).toEqual([]);
  expect(hostile.problems.map((x) => [x.severity, x.code])).toEqual([['error', 'unknownAgency']]);
});

test('records: sent or in doubt for this event are not due; in doubt listed; another event\'s records do not count', () => {
  const records: InviteRecord[] = [
    ['EV-1', 'senmon@hw.example.jp', 'S', '2026-02-02 09:00'],
    ['EV-1', 'fukushi@city.example.jp', '?', '2026-02-02 09:00'],
    ['EV-2', 'info@aoba.example.jp', 'S', '2026-02-02 09:00'],
  ];
  const p = planInvites('EV-1', '関係機関, AG-001', 2, AGENCIES, PARTNERS, records);
  expect(p.due).toEqual(['info@aoba.example.jp']);
  expect(p.inDoubt).toEqual(['fukushi@city.example.jp']);
});
