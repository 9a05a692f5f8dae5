import {
  AgencyContact, MeetingRowInput, changedFields, descriptionHasMarker, fingerprint, parseDateTime, parseRecurrence, planMeetings,
  quotaAllowance, recurrenceRule, resolveGuests, startMatchesRecurrence,
} from '../../src/server/domain/meetings';

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
    expect(all.problems[0]).toMatchObject({ severity: 'warning', row: 5, column: 'invitees' });
    expect(all.problems[0]!.message).toContain('さくら作業所');
  });

  test('unknown agency ids and malformed e-mails are errors naming sheet, row and column', () => {
    const r = resolveGuests('AG-99, someone@@example', 7, AGENCIES);
    expect(r.problems.map((p) => p.severity)).toEqual(['error', 'error']);
    expect(r.problems[0]!.message).toBe('「会議」シート 7行目「招待先」: 団体 id「AG-99」が「団体」シートにありません。id を確認するか、全体・グループA・グループB・メールアドレスで指定してください。');
    expect(r.problems[1]!.message).toContain('メールアドレス「someone@@example」の形式が正しくありません');
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
    ['end before start', { end: jst('2026-04-10T13:00:00') }, 'end', '「会議」シート 2行目「終了」: 終了（2026年4月10日(金) 13:00）が開始（2026年4月10日(金) 14:00）より前か同じです。'],
    ['no resolvable guest', { invitees: 'AG-03' }, 'invitees', '招待先からメールアドレスが1件も得られません'],
    ['malformed email', { invitees: 'グループA, taro@example' }, 'invitees', 'メールアドレス「taro@example」の形式が正しくありません'],
    ['date in the past', { start: jst('2026-03-20T14:00:00'), end: jst('2026-03-20T15:00:00') }, 'start', '「会議」シート 2行目「開始」: 開始（2026年3月20日(金) 14:00）が過去の日時です。'],
    ['unknown agency id', { invitees: 'AG-77' }, 'invitees', '団体 id「AG-77」が「団体」シートにありません'],
    ['unreadable date', { start: '来週のどこか' }, 'start', '「来週のどこか」を日時として読めません'],
    ['start off the recurrence', { recurrence: '毎月第2水曜' }, 'start', '繰り返し「毎月第2水曜」の日ではありません'],
  ])('%s → invalid, nothing sent, message with row and column', (_label, change, column, message) => {
    const plan = planMeetings([row({ row: 2, ...change })], { agencies: AGENCIES, now: NOW });
    expect(plan.actions[0]!.kind).toBe('invalid');
    const errors = plan.problems.filter((p) => p.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((p) => p.column === column && p.row === 2 && p.message.includes(message))).toBe(true);
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
    expect(plan.problems[0]!.message).toContain('「会議」シート 3行目「id」');
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
  });
});

describe('quota', () => {
  test('stops before exceeding the daily creation limit', () => {
    expect(quotaAllowance(10, 5000, 3)).toEqual({ allowed: 3, message: null });
    const q = quotaAllowance(4998, 5000, 5);
    expect(q.allowed).toBe(2);
    expect(q.message).toContain('1日 5,000 件');
    expect(q.message).toContain('3 件の作成を止めました');
  });
});
