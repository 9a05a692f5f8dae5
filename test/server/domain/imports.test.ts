import { fingerprint, planCorrection } from '../../../src/server/domain/imports';
import { quoteText } from '../../../src/server/domain/text';
import { submissionKey } from '../../../src/server/domain/ledger';

const person = { name: '佐藤 花子', furigana: 'さとう はなこ', agency: 'ワークサポートあおば', agencyId: 'AG-001', jobTitle: '支援員', email: 'a@example.jp', attendanceMode: '対面' };

describe('取り込み記録: corrections against hand edits (pure)', () => {
  test('an unchanged answer changes nothing', () => {
    expect(planCorrection(fingerprint(person), person, person)).toEqual({ changes: [], conflicts: [], fingerprint: fingerprint(person) });
  });
  test('a corrected answer updates a ledger cell that still holds what was written', () => {
    const answer = { ...person, email: 'b@example.jp' };
    const r = planCorrection(fingerprint(person), answer, person);
    expect(r.changes).toEqual([{ field: 'email', value: 'b@example.jp' }]);
    expect(r.fingerprint).toBe(fingerprint(answer));
  });
  test('a ledger cell edited by hand since is a conflict, and the record keeps the old fingerprint for that field', () => {
    const r = planCorrection(fingerprint(person), { ...person, email: 'b@example.jp' }, { ...person, email: 'hand@example.jp' });
    expect(r.changes).toEqual([]);
    expect(r.conflicts).toEqual([{ field: 'email', ledgerValue: 'hand@example.jp', answerValue: 'b@example.jp' }]);
    expect(r.fingerprint).toBe(fingerprint(person));
  });
  test('the same fix made by hand and in the answer is no conflict', () => {
    const fixed = { ...person, email: 'b@example.jp' };
    expect(planCorrection(fingerprint(person), fixed, fixed)).toEqual({ changes: [], conflicts: [], fingerprint: fingerprint(fixed) });
  });
  test('a hand edit with no correction is left alone', () => {
    expect(planCorrection(fingerprint(person), person, { ...person, name: '佐藤 花' }).changes).toEqual([]);
  });
});

describe('keys and quoting', () => {
  test('a response key depends on form, time and place, not answers', () => {
    const at = new Date('2025-07-01T00:00:00Z');
    expect(submissionKey('F1', at, 0)).toBe(submissionKey('F1', new Date(at.getTime()), 0));
    expect(new Set([submissionKey('F1', at, 0), submissionKey('F1', at, 1), submissionKey('F2', at, 0), submissionKey('F1', new Date(at.getTime() + 1), 0)]).size).toBe(4);
  });
  test('quoted user text is cut with its length', () => {
    expect(quoteText('短い')).toBe('短い');
    expect(quoteText('あ'.repeat(60_000))).toBe(`${'あ'.repeat(40)}…（全60,000字）`);
  });
});
