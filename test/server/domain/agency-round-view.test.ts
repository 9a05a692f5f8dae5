/** The sidebar's side of the round (domain/agency-round-view.ts): the diff, the states, and the review's plain data. */
import { ROUND_CONSENT, ROUND_TOKEN, ROUND_WITHHELD, RoundAnswer, RoundRecord } from '../../../src/server/domain/agency-round';
import { answerChanges, confirmedBetween, reviewView, roundState } from '../../../src/server/domain/agency-round-view';
import type { AgencyRowInput } from '../../../src/server/domain/agencies';

const row = (rowNumber: number, cells: AgencyRowInput['cells']): AgencyRowInput => ({
  rowNumber,
  cells: { nameKana: 'カナ', kind: '就労移行支援', consent: '同意', consentDate: '2025-04-01', ...cells },
});
const A = row(2, { id: 'AG-001', name: 'ステップワーク神田', phone: '03-5211-1234', email: 'info@step.example.jp', address: '千代田区1-1', group: 'A', lastConfirmedOn: '2025-01-10' });
const B = row(3, { id: 'AG-002', name: 'ひだまり工房', phone: '03-3333-4444', group: 'B', lastConfirmedOn: '2026-06-01' });
const record = (agencyId: string, token: string, over: Partial<RoundRecord> = {}): RoundRecord => ({
  agencyId, token, requestedOn: '2026-11-01', via: 'メール', remindedOn: '', answerKey: '', decidedOn: '', accepted: '', rejected: '', ...over,
});
const answer = (key: string, token: string, answers: Record<string, string>, on = '2026-11-10'): RoundAnswer => ({ key, row: 2, on, answers: { [ROUND_TOKEN]: token, ...answers } });

describe('the diff and the states', () => {
  it('shows only fields whose checked value changes; a value the check refuses carries its problem', () => {
    const a = answer('r1', 'tok-A', {
      名称: 'ステップワーク神田', 電話: '０３（５２１１）１２３４', メール: 'new＠step.example.jp', URL: 'step.example', 特色: '=HYPERLINK("x")', [ROUND_WITHHELD]: 'メール, FAX', [ROUND_CONSENT]: '同意',
    });
    const changes = answerChanges(A, a);
    expect(changes.map((c) => [c.field, c.current, c.proposed, c.problem?.code ?? null])).toEqual([
      ['メール', 'info@step.example.jp', 'new@step.example.jp', null],
      ['URL', '', 'step.example', 'url'],
      ['特色', '', '=HYPERLINK("x")', null],
      ['掲載しない項目', '', 'FAX;メール', null],
    ]);
  });
  it('states: requested → no answer after N days → answered → decided', () => {
    const r = record('AG-001', 't');
    expect(roundState(r, undefined, { year: 2026, month: 11, day: 10 }, 14)).toBe('requested');
    expect(roundState(r, undefined, { year: 2026, month: 11, day: 15 }, 14)).toBe('noAnswer');
    expect(roundState(r, answer('k', 't', {}), { year: 2026, month: 11, day: 15 }, 14)).toBe('answered');
    expect(roundState({ ...r, answerKey: 'k', decidedOn: '2026-11-16' }, answer('k', 't', {}), { year: 2026, month: 11, day: 20 }, 14)).toBe('decided');
    expect(confirmedBetween([A, B], { year: 2026, month: 4, day: 1 }, { year: 2027, month: 3, day: 31 })).toBe(1);
  });
  it('the review: tokens never needed by the sidebar; 不一致 counted; the issued pamphlets still listing a withdrawn agency named', () => {
    const data = {
      today: '2026-11-20', months: 12, noAnswerDays: 14,
      rows: [A, B].map((r) => ({ rowNumber: r.rowNumber, cells: r.cells as Record<string, string> })),
      records: [record('AG-001', 'AG-001'), record('AG-002', 'AG-002')],
      answers: [answer('k1', 'AG-002', { [ROUND_CONSENT]: '撤回' }), { key: 'k2', row: 3, on: '2026-11-11', answers: { [ROUND_TOKEN]: '' } }],
      issues: [['種類', '発行日', '名称', '文書id', 'URL', '掲載団体id'], ['パンフレット', '2026-06-01', 'ガイド_2026-06-01', 'd1', 'https://x', 'AG-001;AG-002'], ['活動報告書', '2026-06-02', '報告書', 'd2', 'https://y', '']],
    };
    const v = reviewView(data);
    expect(v.mismatched).toEqual([{ row: 3, on: '2026-11-11' }]);
    expect(v.agencies.map((a) => [a.id, a.state])).toEqual([['AG-001', 'noAnswer'], ['AG-002', 'answered']]);
    expect(v.agencies[1]!.changes).toEqual([{ key: 'consent', field: '掲載同意', current: '同意', proposed: '撤回', problem: '' }]);
    expect(v.agencies[1]!.stillListedIn).toEqual([{ name: 'ガイド_2026-06-01', on: '2026-06-01', url: 'https://x' }]);
    expect(v.agencies[0]!.stillListedIn).toEqual([]);
  });
});
