/**
 * 企業相談 (issue 17), domain level: the routing rule on hand-computed cases, status links bound to one inquiry,
 * the report's figures without names.
 */
import {
  Inquiry, RoutingAgency, consultationMails, consultationFigures, fileAnswers, loadByAgency, municipalityOf, nextNumber, overdue, parseNeighbours, planStatusUpdates,
  rankCandidates, splitMulti, statusLink, autoAssign, autoAssignOn,
} from '../../../src/server/domain/consultations';
import { GLOBAL_PLACEHOLDERS, globalValues } from '../../../src/server/domain/pamphlet';
import { MAIL_KINDS, MailKind, MailTemplate } from '../../../src/server/domain/mail';

const agency = (id: string, address: string, services: string[], disabilities: string[], referrals = '受ける'): RoutingAgency =>
  ({ id, name: `団体${id}`, address, services: services.join(';'), disabilities: disabilities.join(';'), referrals });

const AGENCIES: RoutingAgency[] = [
  agency('A', '東京都千代田区神田1-1', ['雇用相談', '職場実習'], ['知的', '精神']),
  agency('B', '東京都中央区銀座2-2', ['雇用相談', '職場実習', '定着支援'], ['精神']),
  agency('C', '東京都千代田区丸の内3-3', ['職場実習'], ['身体', '知的', '精神']),
  agency('D', '東京都千代田区神田4-4', ['雇用相談', '職場実習', '定着支援'], ['精神'], '受けない'),
  agency('E', '東京都千代田区神田5-5', ['研修講師'], ['精神']),
  agency('F', '東京都港区芝6-6', ['職場実習'], ['知的', '精神']),
  agency('G', '東京都千代田区神田7-7', ['雇用相談', '職場実習'], ['知的', '精神'], ''),
];
const NEIGHBOURS = parseNeighbours('千代田区=中央区').map;

type Over = Partial<Omit<Inquiry, 'topics' | 'disabilities' | 'nameConsent'>> & { topics?: string[]; disabilities?: string[]; nameConsent?: boolean };
const inquiry = ({ topics = ['職場実習の受入'], disabilities = ['精神'], nameConsent = false, ...over }: Over = {}): Inquiry => ({
  number: 'K-0001', status: '受付', agencyId: '', receivedAt: new Date('2026-04-10T00:00:00Z'), firstContactAt: null, changedAt: null,
  company: '株式会社テスト', industry: '製造業', municipality: '千代田区', topics: topics.join(', '), disabilities: disabilities.join(';'), shareConsent: '同意する',
  nameConsent: nameConsent ? '掲載してよい' : '掲載しない', token: '', ...over,
});

describe('rankCandidates', () => {
  test('an agency that does not take referrals or offers none of the support asked for is never a candidate', () => {
    const r = rankCandidates(inquiry({ topics: ['職場実習の受入'] }), AGENCIES, NEIGHBOURS, new Map());
    const ids = r.candidates.map((c) => c.agencyId);
    expect(ids).not.toContain('D'); // 受けない
    expect(ids).not.toContain('G'); // 紹介受付 empty: not asked is not consent
    expect(ids).not.toContain('E'); // offers only 研修講師
    expect(r.excluded).toEqual(expect.arrayContaining([
      { agencyId: 'D', agency: '団体D', why: 'noReferrals' }, { agencyId: 'G', agency: '団体G', why: 'noReferrals' }, { agencyId: 'E', agency: '団体E', why: 'noService' },
    ]));
  });

  test('one topic, 精神, 千代田区: same area before the neighbour before elsewhere; then fewer open inquiries', () => {
    // By hand: A, B, C, F all offer 職場実習 and cover 精神 (1 of 1). Proximity: A 千代田区 (0), C 千代田区 (0),
    // B 中央区 neighbour (1), F 港区 (2). A and C tie on proximity; C has 1 open inquiry, A none → A, C, B, F.
    const load = loadByAgency([{ agencyId: 'C', status: '対応中' }, { agencyId: 'C', status: '完了' }, { agencyId: 'A', status: '完了' }]);
    const r = rankCandidates(inquiry(), AGENCIES, NEIGHBOURS, load);
    expect(r.candidates.map((c) => c.agencyId)).toEqual(['A', 'C', 'B', 'F']);
    expect(r.candidates[1]!.reasons).toEqual([
      { kind: 'topics', covered: ['職場実習の受入'], missing: [] },
      { kind: 'disabilities', covered: ['精神'], missing: [] },
      { kind: 'proximity', level: 0, municipality: '千代田区' },
      { kind: 'load', open: 1 },
    ]);
    expect(r.candidates[2]!.reasons[2]).toEqual({ kind: 'proximity', level: 1, municipality: '中央区' });
  });

  test('more topics covered outranks proximity; more disabilities covered outranks proximity', () => {
    // 職場実習 + 定着支援: only B covers both (2) → B first although it is only a neighbour. Then the ones covering one:
    // A (千代田区), C (千代田区), F (港区). 知的+精神: A covers 2, C 2, F 2 → proximity and id decide: A, C, F.
    const r = rankCandidates(inquiry({ topics: ['職場実習の受入', '定着支援'], disabilities: ['知的', '精神'] }), AGENCIES, NEIGHBOURS, new Map());
    expect(r.candidates.map((c) => c.agencyId)).toEqual(['B', 'A', 'C', 'F']);
    expect(r.candidates[0]!.reasons[0]).toEqual({ kind: 'topics', covered: ['職場実習の受入', '定着支援'], missing: [] });
    expect(r.candidates[0]!.reasons[1]).toEqual({ kind: 'disabilities', covered: ['精神'], missing: ['知的'] });
    // 身体 only: C covers it, A does not → C before A although both are in 千代田区.
    const body = rankCandidates(inquiry({ disabilities: ['身体'] }), AGENCIES, NEIGHBOURS, new Map());
    expect(body.candidates.map((c) => c.agencyId)).toEqual(['C', 'A', 'B', 'F']);
  });

  test('no disability named: no disability step, and neighbourhood is symmetric', () => {
    const r = rankCandidates(inquiry({ disabilities: [], municipality: '中央区' }), AGENCIES, NEIGHBOURS, new Map());
    expect(r.candidates[0]!.agencyId).toBe('B');
    expect(r.candidates[0]!.reasons.map((x) => x.kind)).toEqual(['topics', 'proximity', 'load']);
    expect(r.candidates[1]!.reasons[1]).toEqual({ kind: 'proximity', level: 1, municipality: '千代田区' });
  });
});

describe('autoAssign (設定「企業相談_自動割当」)', () => {
  test('each new inquiry gets its first candidate; the batch counts its own assignments as load; no candidate or no consent: none', () => {
    // By hand: K-0001 (職場実習, 精神, 千代田区) → A (as in the ranking test, no load). K-0002 the same ask: A now has 1
    // open (K-0001), C has 0 and ties A otherwise → C. K-0003 見学: nobody offers 見学受入 → none. K-0004 no consent → none.
    const filed = [
      inquiry({ number: 'K-0001' }), inquiry({ number: 'K-0002' }), inquiry({ number: 'K-0003', topics: ['見学'] }), inquiry({ number: 'K-0004', shareConsent: '同意しない' }),
    ];
    const r = autoAssign(filed, filed, AGENCIES, NEIGHBOURS);
    expect([...r].map(([n, c]) => [n, c.agencyId])).toEqual([['K-0001', 'A'], ['K-0002', 'C']]);
    // Load already open elsewhere counts too: A with one open inquiry assigned before → C first for K-0001.
    const before = [inquiry({ number: 'K-0000', status: '対応中', agencyId: 'A' })];
    expect(autoAssign(filed.slice(0, 1), [...before, ...filed], AGENCIES, NEIGHBOURS).get('K-0001')!.agencyId).toBe('C');
  });

  test('on only when 設定 says する (a typo leaves it off)', () => {
    expect(['する', ' する ', 'yes', 'ON', 'true'].map(autoAssignOn)).toEqual([true, true, true, true, true]);
    expect(['しない', '', 'すろ', 'no', '0'].map(autoAssignOn)).toEqual([false, false, false, false, false]);
  });
});

test('addresses and lists', () => {
  expect(municipalityOf('東京都千代田区神田1-1')).toBe('千代田区');
  expect(municipalityOf('神奈川県横浜市港北区')).toBe('横浜市');
  expect(municipalityOf(' 港区 ')).toBe('港区');
  expect(splitMulti('職場実習の受入, 定着支援')).toEqual(['職場実習の受入', '定着支援']);
  expect(splitMulti('身体;知的、精神')).toEqual(['身体', '知的', '精神']);
  expect(parseNeighbours('千代田区=中央区、港区; これは読めない').unread).toEqual(['これは読めない']);
  expect(nextNumber(['K-0001', 'K-0007', 'x'])).toBe('K-0008');
  expect(nextNumber([])).toBe('K-0001');
  expect(fileAnswers({ 会社名: ' 株式会社A ', 相談内容: '見学, その他', 業種: '建設業' })).toMatchObject({ company: '株式会社A', topics: '見学;その他', industry: '建設業', disabilities: '' });
  expect(statusLink('https://f/viewform?usp=pp_url&entry.1=KNUMBERX&entry.2=KTOKENX', 'K-0001', 'a b')).toBe('https://f/viewform?usp=pp_url&entry.1=K-0001&entry.2=a%20b');
});

describe('planStatusUpdates: a link changes only its own inquiry', () => {
  const at = (m: number) => new Date(Date.UTC(2026, 3, 12, 0, m));
  const A = inquiry({ number: 'K-0001', status: '担当決定', agencyId: 'A', token: 'token-a' });
  const B = inquiry({ number: 'K-0002', status: '担当決定', agencyId: 'B', token: 'token-b' });
  const sub = (key: string, number: string, token: string, status: string, m = 1) => ({ responseKey: key, submittedAt: at(m), number, token, status, note: '' });

  test('A\'s code on B\'s number is refused; A\'s own is applied, with first contact', () => {
    const plan = planStatusUpdates([A, B], [sub('r1', 'K-0002', 'token-a', '完了'), sub('r2', 'K-0001', 'token-a', '対応中')], new Set());
    expect(plan).toEqual([
      { kind: 'refused', responseKey: 'r1', number: 'K-0002', why: 'token' },
      { kind: 'applied', responseKey: 'r2', number: 'K-0001', status: '対応中', note: '', at: at(1), firstContact: true },
    ]);
  });

  test('codes are compared exactly; an unassigned or closed inquiry is not changed; handled answers are skipped', () => {
    const plan = planStatusUpdates(
      [A, inquiry({ number: 'K-0003', status: '受付' }), inquiry({ number: 'K-0004', status: '完了', token: 't4' })],
      [sub('r1', 'K-0001', 'TOKEN-A', '完了'), sub('r2', 'K-0003', '', '完了'), sub('r3', 'K-0004', 't4', '対応中'), sub('r4', 'K-0001', 'token-a', '完了'), sub('r5', 'K-9999', 'x', '完了')],
      new Set(['r4']),
    );
    expect(plan.map((o) => [o.responseKey, o.kind === 'refused' ? o.why : 'applied'])).toEqual([['r1', 'token'], ['r2', 'token'], ['r3', 'closed'], ['r5', 'unknown']]);
  });

  test('対応中 then 完了: first contact once; 対応不可 is not a contact', () => {
    const plan = planStatusUpdates([A, B], [sub('r1', 'K-0001', 'token-a', '対応中', 1), sub('r2', 'K-0001', 'token-a', '完了', 2), sub('r3', 'K-0002', 'token-b', '対応不可', 3)], new Set());
    expect(plan.map((o) => (o.kind === 'applied' ? [o.status, o.firstContact] : o.why))).toEqual([['対応中', true], ['完了', false], ['対応不可', false]]);
  });
});

test('follow-up: not closed and unchanged for N days', () => {
  const now = new Date('2026-04-20T00:00:00Z');
  const list = [
    inquiry({ number: 'K-1', receivedAt: new Date('2026-04-10T00:00:00Z') }),
    inquiry({ number: 'K-2', status: '対応中', changedAt: new Date('2026-04-18T00:00:00Z') }),
    inquiry({ number: 'K-3', status: '完了', changedAt: new Date('2026-04-01T00:00:00Z') }),
  ];
  expect(overdue(list, now, 7).map((i) => i.number)).toEqual(['K-1']);
  expect(overdue(list, now, 1).map((i) => i.number)).toEqual(['K-1', 'K-2']);
});

test('figures: counts by topic, industry and outcome, median days; a company named only with consent', () => {
  const d = (day: number) => new Date(Date.UTC(2026, 3, day));
  const list = [
    inquiry({ company: '秘密商事', topics: ['見学', '定着支援'], industry: '製造業', status: '完了', receivedAt: d(1), firstContactAt: d(3) }),
    inquiry({ company: 'あおば工業', nameConsent: true, topics: ['見学'], industry: '建設業', status: '対応中', receivedAt: d(2), firstContactAt: d(10) }),
    inquiry({ company: 'いろは食品', nameConsent: true, topics: ['その他'], industry: '製造業', status: '受付', receivedAt: d(5) }),
    inquiry({ company: '昔の会社', nameConsent: true, receivedAt: new Date(Date.UTC(2025, 0, 5)) }),
  ];
  const f = consultationFigures(list, new Date(Date.UTC(2026, 3, 1)), new Date(Date.UTC(2027, 2, 31, 23)));
  expect(f).toEqual({
    total: 3,
    byTopic: [['定着支援', 1], ['見学', 2], ['その他', 1]],
    byIndustry: [['製造業', 2], ['建設業', 1]],
    byStatus: [['受付', 1], ['対応中', 1], ['完了', 1]],
    medianDaysToFirstContact: 5, // 2 days and 8 days
    namedCompanies: ['あおば工業', 'いろは食品'],
  });
  expect(JSON.stringify(f)).not.toContain('秘密商事');
});

test('the pamphlet knows {{企業相談フォーム}}: the form\'s link, empty before the form exists', () => {
  expect(GLOBAL_PLACEHOLDERS).toContain('企業相談フォーム');
  expect(globalValues('ネット', { year: 2026, month: 4, day: 1 }, 3, 'https://docs.google.com/forms/d/e/X/viewform')['企業相談フォーム']).toBe('https://docs.google.com/forms/d/e/X/viewform');
  expect(globalValues('ネット', { year: 2026, month: 4, day: 1 }, 3)['企業相談フォーム']).toBe('');
});

test('assignment mails: the agency gets the inquiry and its link, the company the agency\'s name; once per assignment (送信記録 with the code\'s first 8 characters)', () => {
  const templates = Object.fromEntries(MAIL_KINDS.map((k) => [k, { subject: '', body: '' }])) as Record<MailKind, MailTemplate>;
  templates['consult-agency'] = { subject: '【企業相談 {{受付番号}}】', body: '{{担当団体}} 御中\n相談内容: {{相談内容}}\n対象障害: {{対象障害}}\n{{状況更新リンク}}\n{{確認コード}}' };
  templates['consult-company'] = { subject: 'ご相談 {{受付番号}}', body: '{{会社名}} 様\n{{担当団体}}からご連絡します。\n窓口: {{担当団体の連絡先}}' };
  const inq = {
    ...inquiry({ number: 'K-0003', status: '担当決定', agencyId: 'A', token: 'abcdef12-3456', company: 'みどり製作所', topics: ['見学', '定着支援'], disabilities: [] }),
    email: 'hr@midori.example.jp', statusLink: 'https://link/K-0003', mailLog: '',
  };
  const agencies = [{ id: 'A', name: 'ワークサポートあおば', email: 'info@aoba.example.jp', contact: '就労支援課 03-0000-0000' }, { id: 'B', name: '団体B', email: '', contact: '' }];
  const mails = consultationMails([inq], agencies, templates, { networkName: 'ネット', contact: '' });
  expect(mails.map((m) => [m.id, m.kind, m.to, m.subject])).toEqual([
    ['K-0003:abcdef12|consult-agency', 'consult-agency', 'info@aoba.example.jp', '【企業相談 K-0003】'],
    ['K-0003:abcdef12|consult-company', 'consult-company', 'hr@midori.example.jp', 'ご相談 K-0003'],
  ]);
  // The link is in the agency's mail; the code is no placeholder (its line is left out, as the empty 対象障害 line is).
  expect(mails[0]!.body).toBe('ワークサポートあおば 御中\n相談内容: 見学、定着支援\nhttps://link/K-0003');
  expect(mails[1]!.body).toBe('みどり製作所 様\nワークサポートあおばからご連絡します。\n窓口: 就労支援課 03-0000-0000');
  // Recorded for this assignment: nothing again. A 要確認 record counts as handled too (never sent twice).
  expect(consultationMails([{ ...inq, mailLog: '担当依頼 2026-05-11 10:00 abcdef12\n担当決定 要確認 2026-05-11 10:00 abcdef12' }], agencies, templates, { networkName: 'ネット', contact: '' })).toEqual([]);
  // Re-assigned to B (a new code): B has no address, so only the company hears of it; the old records do not count.
  const again = consultationMails([{ ...inq, agencyId: 'B', token: '99999999-x', mailLog: '担当依頼 2026-05-11 10:00 abcdef12\n担当決定 2026-05-11 10:00 abcdef12' }], agencies, templates, { networkName: 'ネット', contact: '' });
  expect(again.map((m) => m.id)).toEqual(['K-0003:99999999|consult-company']);
  // Not assigned, closed, or without a code: no mail.
  for (const over of [{ status: '受付', agencyId: '' }, { status: '完了' }, { token: '' }]) expect(consultationMails([{ ...inq, ...over }], agencies, templates, { networkName: 'ネット', contact: '' })).toEqual([]);
});
