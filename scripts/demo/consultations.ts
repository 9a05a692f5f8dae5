/**
 * Demo step for issue 17 (企業相談窓口): most agencies agree to receive referrals (団体「紹介受付」), the coordinator
 * makes the company form, six companies (or each row of `--consultations FILE.csv`) send an inquiry as a company
 * would, the coordinator assigns the sidebar's first candidate to all but one, and two agencies answer through their
 * status links. summary.json → "consultations": [{ number, status, assigned, candidates: [{ agency, reasons }] }].
 */
import { readFileSync } from 'node:fs';
import type { RpcResult } from '../../src/protocol';
import { parseCsv } from '../../emulator/services';
import { reasonText, viewOf } from '../../src/client/consultation-view';
import type { DemoContext } from './context';
import { exportOutbox } from './mail';

function unwrap<T>(r: RpcResult<T>, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.message}`);
  return r.value;
}

/** The CSV's header, as `--consultations` takes it (the form's questions have the same titles). */
export const CONSULTATION_HEADER = ['会社名', '業種', '所在地', '担当者メール', '相談内容', '対象障害', '自由記述', '共有同意'] as const;

export const DEMO_CONSULTATIONS: readonly (readonly string[])[] = [
  ['株式会社みどり製作所', '製造業', '千代田区', 'jinji@midori.example.jp', '障害者雇用の検討;職場実習の受入', '知的;精神', '初めての雇用を考えています。', '同意する'],
  ['神田物流株式会社', '運輸・物流業', '千代田区', 'hr@kanda-logi.example.jp', '定着支援', '精神', '雇用中の方の定着について相談したい。', '同意する'],
  ['銀座フーズ株式会社', '飲食・宿泊業', '中央区', 'saiyo@ginza-foods.example.jp', '見学', '', '', '同意する'],
  ['丸の内ソフト株式会社', '情報通信業', '千代田区', 'people@marunouchi-soft.example.jp', '助成金・制度', '発達', '助成金の条件を知りたい。', '同意する'],
  ['有限会社さくら印刷', '製造業', '港区', 'info@sakura-print.example.jp', '職場実習の受入', '身体', '', '同意する'],
  ['株式会社ひみつ商会', 'サービス業', '千代田区', 'contact@himitsu.example.jp', 'その他', '', '社名は出さないでください。', '同意しない'],
];

function rowsOf(ctx: DemoContext): string[][] {
  if (!ctx.args.consultations) return DEMO_CONSULTATIONS.map((r) => [...r]);
  const rows = parseCsv(readFileSync(ctx.args.consultations, 'utf8').replace(/^\uFEFF/, ''));
  const header = (rows[0] ?? []).map((h) => h.trim());
  return rows.slice(1).filter((r) => r.some((c) => c.trim() !== '')).map((r) => CONSULTATION_HEADER.map((h) => (r[header.indexOf(h)] ?? '').trim()));
}

const YES = /^(同意する|同意|はい|yes|true|1)$/i;

export function consultationsStep(ctx: DemoContext): void {
  const { emu } = ctx;
  emu.runtime.fixedNow = new Date('2026-01-13T09:00:00+09:00');
  // Every agency but two takes referrals; 中央区 counts as 千代田区's neighbour.
  const agencies = emu.active.sheets.find((s) => s.name === '団体')!;
  const header = agencies.getRange(1, 1, 1, agencies.getLastColumn()).getValues()[0]!.map(String);
  const last = agencies.getLastRow();
  agencies.getRange(2, header.indexOf('紹介受付') + 1, last - 1, 1).setValues(Array.from({ length: last - 1 }, (_, i) => [i === 2 || i === 9 ? '受けない' : '受ける']));
  const settings = emu.active.sheets.find((s) => s.name === '設定')!;
  const keys = settings.getDataRange().getValues().map((r) => String(r[0]));
  settings.getRange(keys.indexOf('企業相談_近隣') + 1, 2).setValue('千代田区=中央区');
  const forms = unwrap(emu.run<RpcResult<{ intakeUrl: string }>>('rpcCreateConsultationForms'), '企業相談フォームの作成');
  const { intake } = JSON.parse(emu.properties.document.get('consult.forms')!) as { intake: { formId: string } };
  for (const r of rowsOf(ctx)) {
    emu.runtime.advanceClock(3 * 3600_000);
    const answers: Record<string, string | string[]> = {};
    CONSULTATION_HEADER.forEach((h, i) => { if (r[i]) answers[h] = r[i]!; });
    answers['相談内容'] = (r[4] || 'その他').split(/[;；]/).map((s) => s.trim()).filter(Boolean);
    if (r[5]) answers['対象障害'] = r[5].split(/[;；]/).map((s) => s.trim()).filter(Boolean);
    answers['共有同意'] = YES.test(r[7] ?? '') ? '同意する' : '同意しない';
    answers['社名掲載'] = '掲載しない';
    emu.forms.submit(intake.formId, answers);
  }
  // The coordinator, next morning: the sidebar's first candidate for each inquiry but the last it can assign.
  emu.runtime.advanceClock(24 * 3600_000);
  const before = viewOf(unwrap(emu.run('rpcListConsultations'), '企業相談の一覧'));
  const assignable = before.inquiries.filter((i) => i.candidates.length);
  const links: string[] = [];
  for (const i of assignable.slice(0, Math.max(1, assignable.length - 1))) {
    links.push(unwrap(emu.run<RpcResult<{ statusLink: string }>>('rpcAssignConsultation', [i.number, i.candidates[0]!.agencyId]), '担当を決定').statusLink);
  }
  // Two agencies answer through their links: one is in touch, one has finished.
  for (const [link, status] of links.slice(0, 2).map((l, n) => [l, n === 0 ? '対応中' : '完了'] as const)) {
    emu.runtime.advanceClock(2 * 24 * 3600_000);
    const form = [...emu.forms.store.forms.values()].find((f) => link.startsWith(f.publishedUrl))!;
    const params = new URL(link).searchParams;
    const answers: Record<string, string> = { 状態: status, 対応メモ: '電話で日程を調整しました' };
    for (const item of form.items) { const v = params.get(`entry.${item.id}`); if (v !== null) answers[item.title] = v; }
    emu.forms.submit(form.id, answers);
  }
  const after = viewOf(unwrap(emu.run('rpcListConsultations'), '企業相談の一覧'));
  ctx.summary.consultations = after.inquiries.map((i) => ({
    number: i.number, status: i.status, assigned: i.agency || null,
    candidates: i.candidates.map((c) => ({ agency: c.agency, reasons: c.reasons.map(reasonText) })),
  }));
  ctx.summary.consultationFigures = after.figures;
  // The assignment mails (agency and company) join mail/outbox.json.
  exportOutbox(ctx);
  ctx.log(`企業相談: ${after.inquiries.length}件（担当決定 ${links.length}件）、フォーム ${forms.intakeUrl}`);
}
