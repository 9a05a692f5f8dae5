/** Shared set-up for the 企業相談 tests (issue 17): the demo registry with 紹介受付, the two company forms. */
import type { Emulator } from '../../emulator';
import type { RpcResult } from '../../src/protocol';
import { loadAddOn } from './bundle';
import { ok, prepare, sheetRecords, typeInto } from './forms';
import { header } from '../../src/server/domain/consultations';

export const NOW = new Date('2026-05-11T10:00:00+09:00');

/** Agencies (団体 rows, by 名称) that take referrals in these tests; the other demo agencies leave 紹介受付 empty. */
export function acceptReferrals(emu: Emulator, names: readonly string[]): void {
  const rows = sheetRecords(emu, '団体');
  rows.forEach((r, i) => { if (names.includes(String(r['名称']))) typeInto(emu, '団体', i + 2, '紹介受付', '受ける'); });
}

/** 設定「企業相談_自動割当」 typed as a coordinator would (the row 初期設定 wrote). */
export function setAutoAssign(emu: Emulator, value: string): void {
  const row = sheetRecords(emu, '設定').findIndex((r) => r['項目'] === '企業相談_自動割当');
  if (row < 0) throw new Error('設定 has no 企業相談_自動割当 row');
  typeInto(emu, '設定', row + 2, '値', value);
}

export function consultWorld(options: { names?: readonly string[]; forms?: boolean } = {}) {
  const emu = loadAddOn({ now: NOW });
  prepare(emu, { forms: false });
  const all = sheetRecords(emu, '団体').map((r) => String(r['名称']));
  acceptReferrals(emu, options.names ?? all.slice(0, 10));
  if (options.forms !== false) ok(emu.run<RpcResult<unknown>>('rpcCreateConsultationForms'));
  emu.ledger.reset();
  return emu;
}

export function storedForms(emu: Emulator): { intake: { formId: string; sheetId: string; url: string }; status: { formId: string; sheetId: string; url: string; link: string } } {
  return JSON.parse(emu.properties.document.get('consult.forms')!);
}

export interface CompanyAnswers { company: string; industry?: string; municipality?: string; email?: string; topics: string[]; disabilities?: string[]; details?: string; share?: boolean; named?: boolean }

/** A company's answers, by question title (= the 企業相談 header). */
export function intakeAnswers(a: CompanyAnswers): Record<string, string | string[]> {
  return {
    会社名: a.company, 業種: a.industry ?? '製造業', 所在地: a.municipality ?? '千代田区', 担当者メール: a.email ?? 'hr@company.example.jp',
    相談内容: a.topics, ...(a.disabilities?.length ? { 対象障害: a.disabilities } : {}), ...(a.details ? { 自由記述: a.details } : {}),
    共有同意: a.share === false ? '同意しない' : '同意する', 社名掲載: a.named ? '掲載してよい' : '掲載しない',
  };
}

/** What an agency's status link pre-fills, read back from the link (entry.<item id>=value). */
export function statusAnswersFromLink(emu: Emulator, link: string, status: string, note = ''): { formId: string; answers: Record<string, string> } {
  const form = [...emu.forms.store.forms.values()].find((f) => link.startsWith(f.publishedUrl))!;
  const params = new URL(link).searchParams;
  const answers: Record<string, string> = { [header('status')]: status, ...(note ? { [header('note')]: note } : {}) };
  for (const item of form.items) {
    const v = params.get(`entry.${item.id}`);
    if (v !== null) answers[item.title] = v;
  }
  return { formId: form.id, answers };
}

export { ok, sheetRecords, typeInto };
