import {
  ROUND_CONSENT, ROUND_ROLE, ROUND_TOKEN, ROUND_WITHHELD, RoundAnswer, RoundRecord, matchAnswers, parsePrefillTemplate,
  planDecision, planRequests, prefillValues, prefilledUrl, selectTargets,
} from '../../../src/server/domain/agency-round';
import type { AgencyRowInput } from '../../../src/server/domain/agencies';
import { appendRecord, parseSendLog } from '../../../src/server/domain/mail';
import { fillLines, placeholdersIn } from '../../../src/server/domain/template';
import { t } from '../../../src/server/i18n/messages';
import { pamphletValues, selectAgencies, withheldFields, PamphletAgencySource } from '../../../src/server/domain/pamphlet';

const row = (rowNumber: number, cells: AgencyRowInput['cells']): AgencyRowInput => ({
  rowNumber,
  cells: { nameKana: 'カナ', kind: '就労移行支援', consent: '同意', consentDate: '2025-04-01', ...cells },
});
const A = row(2, { id: 'AG-001', name: 'ステップワーク神田', phone: '03-5211-1234', email: 'info@step.example.jp', address: '千代田区1-1', group: 'A', lastConfirmedOn: '2025-01-10' });
const B = row(3, { id: 'AG-002', name: 'ひだまり工房', phone: '03-3333-4444', group: 'B', lastConfirmedOn: '2026-06-01' });
const C = row(4, { id: '', name: '新しい団体', phone: '03-1111-2222' });
const record = (agencyId: string, token: string, over: Partial<RoundRecord> = {}): RoundRecord => ({
  agencyId, token, requestedOn: '2026-11-01', via: 'メール', remindedOn: '', answerKey: '', decidedOn: '', accepted: '', rejected: '', ...over,
});
const answer = (key: string, token: string, answers: Record<string, string>, on = '2026-11-10'): RoundAnswer => ({ key, row: 2, on, answers: { [ROUND_TOKEN]: token, ...answers } });

describe('prefilled links', () => {
  // Google's shape: https://docs.google.com/forms/d/e/KEY/viewform?usp=pp_url&entry.N=value (FormResponse.toPrefilledUrl).
  const google = 'https://docs.google.com/forms/d/e/1FAIpQL/viewform?usp=pp_url&entry.1001=q0x&entry.1002=q1x&entry.1003=%E6%89%80%E5%9C%A8%E5%9C%B0&entry.1004=%E5%90%8C%E6%84%8F';
  const markers = { [ROUND_TOKEN]: 'q0x', 名称: 'q1x', [ROUND_WITHHELD]: '所在地', [ROUND_CONSENT]: '同意' };
  it('reads the entry ids back from the marker link and builds each agency\'s link without a call', () => {
    const t = parsePrefillTemplate(google, markers)!;
    expect(t.entries).toEqual({ [ROUND_TOKEN]: 'entry.1001', 名称: 'entry.1002', [ROUND_WITHHELD]: 'entry.1003', [ROUND_CONSENT]: 'entry.1004' });
    const url = prefilledUrl(t, { [ROUND_TOKEN]: 'tok-1', 名称: 'A&B 工房', [ROUND_WITHHELD]: ['メール', 'FAX'], [ROUND_CONSENT]: '同意' });
    expect(url).toBe('https://docs.google.com/forms/d/e/1FAIpQL/viewform?usp=pp_url&entry.1001=tok-1&entry.1002=A%26B%20%E5%B7%A5%E6%88%BF&entry.1003=%E3%83%A1%E3%83%BC%E3%83%AB&entry.1003=FAX&entry.1004=%E5%90%8C%E6%84%8F');
  });
  it('refuses a link missing a question', () => {
    expect(parsePrefillTemplate(google.replace('&entry.1002=q1x', ''), markers)).toBeNull();
  });
  it('prefills the current data and keeps only known withheld fields', () => {
    const v = prefillValues({ ...A.cells, withheld: 'メール;写真', consentBy: '施設長' }, 'tok');
    expect(v[ROUND_TOKEN]).toBe('tok');
    expect(v['電話']).toBe('03-5211-1234');
    expect(v[ROUND_WITHHELD]).toEqual(['メール']);
    expect(v[ROUND_ROLE]).toBe('施設長');
  });
});

describe('who is asked, and never twice', () => {
  const today = { year: 2026, month: 11, day: 29 };
  it('stale: 最終確認日 older than N months or empty; a row without id is left out', () => {
    expect(selectTargets([A, B, C], { kind: 'stale' }, today, 12).map((r) => r.cells.id)).toEqual(['AG-001']);
    expect(selectTargets([A, B, C], { kind: 'stale', months: 3 }, today, 12).map((r) => r.cells.id)).toEqual(['AG-001', 'AG-002']);
    expect(selectTargets([A, B, C], { kind: 'group', group: 'b' }, today, 12).map((r) => r.cells.id)).toEqual(['AG-002']);
    expect(selectTargets([A, B, C], { kind: 'all' }, today, 12)).toHaveLength(2);
  });
  it('an open request keeps its token; a closed one gets a fresh token', () => {
    let n = 0;
    const p = planRequests([A, B], [record('AG-001', 'old'), record('AG-002', 'done', { decidedOn: '2026-11-05' })], () => `new${++n}`, '2026-11-29', () => 'メール');
    expect(p.open.map((r) => r.token)).toEqual(['old']);
    expect(p.fresh.map((r) => [r.agencyId, r.token])).toEqual([['AG-002', 'new1']]);
  });
});

describe('answers by token', () => {
  const records = [record('AG-001', 'tok-A'), record('AG-002', 'tok-B')];
  it('an answer through another agency\'s link belongs to that agency, whatever name it types; a tampered token matches nothing', () => {
    const viaB = answer('r1', 'tok-B', { 名称: 'ステップワーク神田', 電話: '03-9999-9999' });
    const tampered = answer('r2', 'tok-A ', { 電話: '03-0000-0000' }); // trimmed: still A
    const invented = answer('r3', 'tok-Z', { 電話: '03-0000-0000' });
    const m = matchAnswers(records, [viaB, tampered, invented]);
    expect(m.latest.get('AG-002')?.key).toBe('r1');
    expect(m.latest.get('AG-001')?.key).toBe('r2');
    expect(m.mismatched.map((a) => a.key)).toEqual(['r3']);
  });
  it('the latest answer of an agency counts; earlier ones are kept as counted', () => {
    const m = matchAnswers(records, [answer('r1', 'tok-A', {}), answer('r2', 'tok-A', {})]);
    expect(m.latest.get('AG-001')?.key).toBe('r2');
    expect(m.count.get('AG-001')).toBe(2);
  });
});

describe('the diff and the decision', () => {
  it('writes accepted fields normalised, keeps the others out, refuses a duplicate name, sets 最終確認日 and 同意日', () => {
    const a = answer('r1', 'tok-A', { 名称: 'ひだまり工房', 電話: '03 5211 9999', メール: 'x@y.jp', [ROUND_CONSENT]: '同意', [ROUND_ROLE]: '施設長' }, '2026-11-20');
    const plan = planDecision([A, B], 'AG-001', a, ['name', 'phone', 'consentBy'])!;
    expect(plan.refused.map((c) => [c.key, c.code])).toEqual([['name', 'duplicateName']]);
    expect(plan.set).toEqual([
      { key: 'phone', value: '0352119999' }, { key: 'consentBy', value: '施設長' },
      { key: 'lastConfirmedOn', value: '2026-11-20' }, { key: 'consentDate', value: '2026-11-20' },
    ]);
  });
  it('a withdrawal accepted writes 撤回', () => {
    const a = answer('r1', 'tok-A', { [ROUND_CONSENT]: '撤回' });
    const plan = planDecision([A], 'AG-001', a, ['consent'])!;
    expect(plan.set.find((s) => s.key === 'consent')?.value).toBe('撤回');
  });
});

describe('the pamphlet honours per-field consent', () => {
  const source = (over: Partial<PamphletAgencySource>): PamphletAgencySource => ({
    row: 2, name: '工房', kana: 'コウボウ', kind: '就労移行支援', postalCode: '1010051', address: '千代田区1-1', station: '神保町', phone: '0352111234', fax: '0352111235',
    email: 'a@b.jp', url: 'https://a.jp', disabilities: [], companySupport: [], companyContact: '山田', features: '丁寧', hours: '平日', consent: '同意', registryProblems: [], ...over,
  });
  it('a withheld field is blank; 所在地 takes 最寄駅 with it; 名称 is always published', () => {
    const v = pamphletValues(source({ withheld: ['メール', '所在地', '名称'] }));
    expect([v.メール, v.所在地, v.最寄駅, v.名称, v.電話]).toEqual(['', '', '', '工房', '03-5211-1234']);
    expect(withheldFields({ withheld: ['特色'] })).toEqual(['特色']);
    const sel = selectAgencies([source({ withheld: ['FAX'] })], []);
    expect(sel.included[0]!.withheldFields).toEqual(['FAX']);
    expect(sel.included[0]!.emptyFields).not.toContain('FAX');
  });
  it('a withdrawal leaves the agency out', () => {
    expect(selectAgencies([source({ consent: '撤回' })], []).excluded).toEqual([{ row: 2, name: '工房', reason: '撤回' }]);
  });
});

describe('the request by e-mail: the mail engine\'s record lines and the default text (domain/mail.ts, catalogue)', () => {
  it('a request\'s 送信記録 lines read back: 要確認 before the batch, 送信 after; a person\'s note is kept', () => {
    const marked = appendRecord('', { kind: 'round', state: 'inDoubt', at: '2026-11-02 10:00' });
    expect(marked).toBe('掲載情報の確認 要確認 2026-11-02 10:00');
    const sent = appendRecord('電話で確認済み', { kind: 'round', state: 'sent', at: '2026-11-02 10:00' });
    expect(parseSendLog(sent)).toEqual({ records: [{ kind: 'round', state: 'sent', at: '2026-11-02 10:00' }], other: ['電話で確認済み'] });
    expect(parseSendLog(marked).records).toEqual([{ kind: 'round', state: 'inDoubt', at: '2026-11-02 10:00' }]);
  });
  it('the default text names only what the request fills in, and carries the link; an empty 問い合わせ先 leaves its line out', () => {
    const footer = t('ja', 'mail.default.footer');
    const subject = t('ja', 'mail.default.round.subject');
    const body = t('ja', 'mail.default.round.body', { footer });
    expect([...new Set(placeholdersIn(subject + body))].sort()).toEqual(['リンク', '問い合わせ先', '団体名', 'ネットワーク名'].sort());
    const filled = fillLines(body, { 団体名: '工房', リンク: 'https://docs.google.com/forms/d/e/x/viewform?usp=pp_url&entry.1=t', ネットワーク名: '千代田ネット', 問い合わせ先: '' });
    expect(filled.startsWith('工房 ご担当者様')).toBe(true);
    expect(filled).toContain('\nhttps://docs.google.com/forms/d/e/x/viewform?usp=pp_url&entry.1=t\n');
    expect(filled).not.toContain('お問い合わせ');
  });
});
