import {
  AgencyContact, MeetingRowInput, PARTNER_TOKEN, PartnerContact, assignPartnerIds, changedFields, descriptionHasMarker, fingerprint, parseDateTime, planMeetings,
  quotaAllowance, resolveGuests, startMatchesRecurrence,
} from '../../../src/server/domain/meetings';
import { parseRecurrence, recurrenceRule } from '../../../src/server/domain/recurrence';

const NOW = new Date('2026-04-01T00:00:00Z');
const jst = (s: string) => new Date(`${s}+09:00`);

const AGENCIES: AgencyContact[] = [
  { id: 'AG-01', name: 'ひだまり就労支援センター', email: 'hidamari@example.jp', group: 'A', address: '東京都○○区1-1' },
  { id: 'AG-02', name: 'みらいワークス', email: 'Mirai@Example.jp', group: 'A' },
  { id: 'AG-03', name: 'さくら作業所', email: '', group: 'B' },
  { id: 'AG-04', name: 'あおば就労移行', email: 'aoba@example.jp', group: 'B' },
];

function row(partial: Partial<MeetingRowInput> & { row: number }): MeetingRowInput {
  return {
    id: '', title: '企画会議', start: jst('2026-04-10T14:00:00'), end: jst('2026-04-10T15:30:00'), place: '区役所', invitees: 'グループA',
    agenda: '次回セミナーの準備', recurrence: '', status: '予定', calendarEventId: '', fingerprint: '', ...partial,
  };
}

describe('繰り返し', () => {
  test.each([
    ['毎月第2水曜', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=WE'],
    ['毎月第２水曜日', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=WE'],
    ['毎月第一月曜（12回）', 'RRULE:FREQ=MONTHLY;COUNT=12;BYMONTHDAY=1,2,3,4,5,6,7;BYDAY=MO'],
    ['毎週金曜', 'RRULE:FREQ=WEEKLY;BYDAY=FR'],
    ['毎月15日', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=15'],
  ])('%s → %s', (input, rule) => {
    expect(recurrenceRule(parseRecurrence(input)!)).toBe(rule);
  });

  test('none and nonsense', () => {
    expect(parseRecurrence('')).toBeNull();
    expect(parseRecurrence('なし')).toBeNull();
    expect(parseRecurrence('隔週くらい')).toBeUndefined();
    expect(parseRecurrence('毎月第6水曜')).toBeUndefined();
  });

  test('the first meeting must fall on the rule: 2026-04-08 is the 2nd Wednesday, 04-15 is not', () => {
    const plan = parseRecurrence('毎月第2水曜')!;
    expect(startMatchesRecurrence(jst('2026-04-08T14:00:00'), plan)).toBe(true);
    expect(startMatchesRecurrence(jst('2026-04-15T14:00:00'), plan)).toBe(false);
    expect(startMatchesRecurrence(jst('2026-04-01T14:00:00'), plan)).toBe(false);
  });
});

describe('招待先', () => {
  test('groups, ids, 全体 and extra e-mails resolve to de-duplicated, normalised addresses', () => {
    const r = resolveGuests('グループA、AG-04, ｋｕｙａｋｕｓｈｏ＠ｃｉｔｙ．ｅｘａｍｐｌｅ．ｊｐ hidamari@example.jp', 5, AGENCIES);
    expect(r.emails).toEqual(['hidamari@example.jp', 'mirai@example.jp', 'aoba@example.jp', 'kuyakusho@city.example.jp']);
    expect(r.problems).toEqual([]);
    const all = resolveGuests('全体', 5, AGENCIES);
    expect(all.emails).toEqual(['hidamari@example.jp', 'mirai@example.jp', 'aoba@example.jp']);
    expect(all.problems).toHaveLength(1);
    expect(all.problems[0]).toEqual({ severity: 'warning', row: 5, column: 'invitees', code: 'agencyNoEmail', params: { name: 'さくら作業所', id: 'AG-03' } });
  });

  test('unknown agency ids, unknown groups and malformed e-mails are errors on the row\'s 招待先', () => {
    const r = resolveGuests('AG-99, someone@@example, グループC', 7, AGENCIES);
    expect(r.problems).toEqual([
      { severity: 'error', row: 7, column: 'invitees', code: 'unknownAgency', params: { value: 'AG-99' } },
      { severity: 'error', row: 7, column: 'invitees', code: 'badEmail', params: { value: 'someone@@example' } },
      { severity: 'error', row: 7, column: 'invitees', code: 'unknownGroup', params: { group: 'C' } },
    ]);
  });
});

describe('招待先: 関係機関 (issue 17)', () => {
  // Hand-made: two ward-office sections (one not ticked), Hello Work, a school without e-mail, a company with a bad one.
  const partners = (): PartnerContact[] => [
    { id: 'K001', kind: '区役所', name: '区役所 障害福祉課', email: 'fukushi@city.example.jp', invite: true, row: 2 },
    { id: 'K002', kind: '区役所', name: '区役所 産業振興課', email: 'sangyo@city.example.jp', invite: false, row: 3 },
    { id: 'K003', kind: 'ハローワーク', name: 'ハローワーク○○ 専門援助部門', email: 'ＳＥＮＭＯＮ＠hellowork.example.jp', invite: true, row: 4 },
    { id: 'K004', kind: '特別支援学校', name: '○○特別支援学校', email: '', invite: true, row: 5 },
    { id: 'K005', kind: '実習受入企業', name: '株式会社サンプル', email: 'jinji@@sample', invite: false, row: 6 },
  ];

  test('関係機関 is every ticked partner; one without a valid e-mail is listed as a warning, not dropped silently', () => {
    const r = resolveGuests('関係機関', 4, AGENCIES, partners());
    expect(r.emails).toEqual(['fukushi@city.example.jp', 'senmon@hellowork.example.jp']);
    expect(r.problems).toEqual([
      { severity: 'warning', row: 4, column: 'invitees', code: 'partnerNoEmail', params: { name: '○○特別支援学校', id: 'K004', value: '', partnerRow: 5 } },
    ]);
  });

  test('関係機関:<種別> (full-width colon too) takes the ticked partners of that kind; ids take one whatever the tick; mixed with groups and e-mails', () => {
    const r = resolveGuests('関係機関：区役所;関係機関:ハローワーク、グループB, K002 ｋ００１ extra@example.jp', 9, AGENCIES, partners());
    expect(r.emails).toEqual(['fukushi@city.example.jp', 'senmon@hellowork.example.jp', 'aoba@example.jp', 'sangyo@city.example.jp', 'extra@example.jp']);
    expect(r.problems.map((p) => [p.severity, p.code])).toEqual([['warning', 'agencyNoEmail']]);
    const company = resolveGuests('K005', 9, AGENCIES, partners());
    expect(company.emails).toEqual([]);
    expect(company.problems).toEqual([{ severity: 'warning', row: 9, column: 'invitees', code: 'partnerNoEmail', params: { name: '株式会社サンプル', id: 'K005', value: 'jinji@@sample', partnerRow: 6 } }]);
  });

  test('an unknown kind, an unknown id, and a kind with nobody ticked are errors on the row\'s 招待先', () => {
    const r = resolveGuests('関係機関:市役所 K099 関係機関:商工会議所 関係機関:実習受入企業', 3, AGENCIES, partners());
    expect(r.emails).toEqual([]);
    expect(r.problems).toEqual([
      { severity: 'error', row: 3, column: 'invitees', code: 'unknownPartnerKind', params: { value: '市役所', choices: '区役所・ハローワーク・特別支援学校・商工会議所・実習受入企業・その他' } },
      { severity: 'error', row: 3, column: 'invitees', code: 'unknownPartner', params: { value: 'K099' } },
      { severity: 'error', row: 3, column: 'invitees', code: 'noPartner', params: { value: '関係機関:商工会議所' } },
      { severity: 'error', row: 3, column: 'invitees', code: 'noPartner', params: { value: '関係機関:実習受入企業' } },
    ]);
    // No 関係機関 sheet (an old workbook): every partner token names nobody.
    expect(resolveGuests('関係機関', 3, AGENCIES).problems.map((p) => p.code)).toEqual(['noPartner']);
  });

  test('a meeting whose only guests are partners without e-mail is not sent (noGuest), with the partner listed', () => {
    const plan = planMeetings([row({ row: 2, invitees: '関係機関:特別支援学校' })], { agencies: AGENCIES, partners: partners(), now: NOW });
    expect(plan.actions[0]!.kind).toBe('invalid');
    expect(plan.problems.map((p) => p.code)).toEqual(['partnerNoEmail', 'noGuest']);
    const ok = planMeetings([row({ row: 2, invitees: '関係機関' })], { agencies: AGENCIES, partners: partners(), now: NOW });
    expect(ok.actions[0]).toMatchObject({ kind: 'create', event: { guests: ['fukushi@city.example.jp', 'senmon@hellowork.example.jp'] } });
  });

  test('ids K001… for named rows without one, after the highest in use; the sheet is read only when a 招待先 names partners', () => {
    const list: PartnerContact[] = [
      { id: 'K007', kind: '区役所', name: 'a', email: '', invite: false, row: 2 },
      { id: '', kind: 'その他', name: 'b', email: '', invite: false, row: 3 },
      { id: '', kind: '', name: '', email: 'x@example.jp', invite: false, row: 4 },
      { id: '', kind: 'その他', name: 'c', email: '', invite: false, row: 5 },
    ];
    expect(assignPartnerIds(list).map((p) => [p.row, p.id])).toEqual([[3, 'K008'], [5, 'K009']]);
    expect(list.map((p) => p.id)).toEqual(['K007', 'K008', '', 'K009']);
    expect(['関係機関:区役所', 'AG-01、K001', 'ｋ１', '全体', 'AG-01', 'book1@example.jp'].map((s) => PARTNER_TOKEN.test(s.normalize('NFKC')))).toEqual([true, true, true, false, false, false]);
  });
});

describe('planMeetings', () => {
  test('a new valid row is created with an assigned id, resolved guests and the id marker in the description', () => {
    const plan = planMeetings([row({ row: 2, place: 'AG-01' })], { agencies: AGENCIES, now: NOW });
    expect(plan.problems).toEqual([]);
    const a = plan.actions[0]!;
    expect(a.kind).toBe('create');
    if (a.kind !== 'create') return;
    expect(a.meetingId).toBe('MTG-001');
    expect(a.assignId).toBe(true);
    expect(a.lookup).toBe(false);
    expect(a.event.guests).toEqual(['hidamari@example.jp', 'mirai@example.jp']);
    expect(a.event.location).toBe('ひだまり就労支援センター（東京都○○区1-1）');
    expect(descriptionHasMarker(a.event.description, 'MTG-001')).toBe(true);
    expect(descriptionHasMarker(a.event.description, 'MTG-00')).toBe(false);
    expect(a.fingerprint).toBe(fingerprint(a.event));
  });

  test.each([
    ['end before start', { end: jst('2026-04-10T13:00:00') }, 'end', 'endBeforeStart', { end: '2026年4月10日(金) 13:00', start: '2026年4月10日(金) 14:00' }],
    ['no resolvable guest', { invitees: 'AG-03' }, 'invitees', 'noGuest', {}],
    ['malformed email', { invitees: 'グループA, taro@example' }, 'invitees', 'badEmail', { value: 'taro@example' }],
    ['date in the past', { start: jst('2026-03-20T14:00:00'), end: jst('2026-03-20T15:00:00') }, 'start', 'startInPast', { start: '2026年3月20日(金) 14:00' }],
    ['unknown agency id', { invitees: 'AG-77' }, 'invitees', 'unknownAgency', { value: 'AG-77' }],
    ['unreadable date', { start: '来週のどこか' }, 'start', 'notADateTime', { value: '来週のどこか' }],
    ['start off the recurrence', { recurrence: '毎月第2水曜' }, 'start', 'startOffRecurrence', { start: '2026年4月10日(金) 14:00', rule: '毎月第2水曜' }],
    ['empty name', { title: '' }, 'title', 'titleRequired', {}],
    ['unknown status', { status: '延期' }, 'status', 'unknownStatus', { value: '延期' }],
  ])('%s → invalid, nothing sent, problem on the row and column', (_label, change, column, code, params) => {
    const plan = planMeetings([row({ row: 2, ...change })], { agencies: AGENCIES, now: NOW });
    expect(plan.actions[0]!.kind).toBe('invalid');
    expect(plan.problems.filter((p) => p.severity === 'error')).toEqual([{ severity: 'error', row: 2, column, code, params }]);
  });

  test('unchanged → no action; moved → update naming what changed; 中止 → cancel once', () => {
    const first = planMeetings([row({ row: 2, id: 'MTG-001' })], { agencies: AGENCIES, now: NOW }).actions[0]!;
    if (first.kind !== 'create') throw new Error('expected create');
    const synced = row({ row: 2, id: 'MTG-001', calendarEventId: 'ev1@google.com', fingerprint: first.fingerprint });
    expect(planMeetings([synced], { agencies: AGENCIES, now: NOW }).actions[0]!.kind).toBe('unchanged');

    const moved = planMeetings([{ ...synced, start: jst('2026-04-11T14:00:00'), end: jst('2026-04-11T15:30:00'), place: '会議室B' }], { agencies: AGENCIES, now: NOW }).actions[0]!;
    expect(moved).toMatchObject({ kind: 'update', eventId: 'ev1@google.com', changes: ['日時', '場所'] });

    const regrouped = planMeetings([{ ...synced, invitees: 'グループB' }], { agencies: AGENCIES, now: NOW });
    expect(regrouped.actions[0]).toMatchObject({ kind: 'update', changes: ['招待先'] });

    const cancelled = planMeetings([{ ...synced, status: '中止' }], { agencies: AGENCIES, now: NOW }).actions[0]!;
    expect(cancelled).toMatchObject({ kind: 'cancel', eventId: 'ev1@google.com', lookup: false });
    const after = planMeetings([{ ...synced, status: '中止', fingerprint: 'cancelled 2026-04-01T00:00:00.000Z' }], { agencies: AGENCIES, now: NOW });
    expect(after.actions[0]!.kind).toBe('unchanged');
    // Back to 予定 after a cancellation: a new event is created.
    const revived = planMeetings([{ ...synced, fingerprint: 'cancelled 2026-04-01T00:00:00.000Z' }], { agencies: AGENCIES, now: NOW });
    expect(revived.actions[0]).toMatchObject({ kind: 'create', recreate: true });
  });

  test('a pending meeting without an id is created with a lookup first; duplicate ids are errors', () => {
    const plan = planMeetings([row({ row: 2, id: 'MTG-004' }), row({ row: 3, id: 'MTG-004' }), row({ row: 4 })], {
      agencies: AGENCIES, now: NOW, pendingIds: new Set(['MTG-004']),
    });
    expect(plan.actions.map((a) => a.kind)).toEqual(['create', 'invalid', 'create']);
    expect(plan.actions[0]).toMatchObject({ lookup: true });
    expect(plan.actions[2]).toMatchObject({ meetingId: 'MTG-005', assignId: true });
    expect(plan.problems[0]).toMatchObject({ row: 3, column: 'id', code: 'duplicateId', params: { value: 'MTG-004' } });
  });

  test('fingerprints ignore guest order and changedFields names every field for an unreadable old value', () => {
    const base = { title: 't', start: NOW, end: new Date(NOW.getTime() + 1), location: '', description: '', recurrence: null };
    expect(fingerprint({ ...base, guests: ['a@x.jp', 'b@x.jp'] })).toBe(fingerprint({ ...base, guests: ['b@x.jp', 'a@x.jp'] }));
    expect(changedFields('', fingerprint({ ...base, guests: [] }))).toEqual(['名称', '日時', '場所', '招待先', '議題', '繰り返し']);
  });

  test('text dates are read in Asia/Tokyo', () => {
    expect(parseDateTime('2026/4/8 14:00')).toEqual(jst('2026-04-08T14:00:00'));
    expect(parseDateTime('2026年4月8日 9:30')).toEqual(jst('2026-04-08T09:30:00'));
    expect(parseDateTime('2026/2/30 10:00')).toBeNull();
    // The one reader (domain/dates.ts): the weekday as formatJaDateTime writes it, 和暦, a date alone at midnight.
    expect(parseDateTime('2026年4月8日(水) 14:00')).toEqual(jst('2026-04-08T14:00:00'));
    expect(parseDateTime('2026-04-08T14:00')).toEqual(jst('2026-04-08T14:00:00'));
    expect(parseDateTime('令和8年4月8日 14時')).toEqual(jst('2026-04-08T14:00:00'));
    expect(parseDateTime('2026/4/8')).toEqual(jst('2026-04-08T00:00:00'));
    expect(parseDateTime('2026/4/8 24:00')).toBeNull();
  });
});

describe('quota', () => {
  test('stops before exceeding the daily creation limit', () => {
    expect(quotaAllowance(10, 5000, 3)).toEqual({ allowed: 3, held: 0 });
    expect(quotaAllowance(4998, 5000, 5)).toEqual({ allowed: 2, held: 3 });
    expect(quotaAllowance(10000, 10000, 1)).toEqual({ allowed: 0, held: 1 });
  });
});
