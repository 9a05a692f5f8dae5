/**
 * Every user-facing message is a code rendered by i18n (src/server/i18n/: ja and en). A Japanese sentence written as a
 * literal in server code outside the catalogue fails this test, unless it is data listed below: what a form, a sheet,
 * a template or the 設定 sheet holds, which stays in the network's language whoever runs the add-on.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { literals } from '../support/literals';
import { MessageKey, t } from '../../src/server/i18n/messages';

const root = path.join(__dirname, '..', '..');
const server = path.join(root, 'src', 'server');
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
/** A sentence, not a label: it ends or asks like one. */
const SENTENCE = /[。！？]|ください|ません|ました|です|ます/;

/** Data, by file (path under src/server) and exact literal text. */
const DATA: Record<string, { why: string; texts: string[] }> = {
  'domain/registration.ts': {
    why: 'the registration and survey forms\' own texts (consent choice, help texts, confirmation messages): form content participants read',
    texts: [
      '上記に同意して記入します', 'ひらがなで入力してください', '加盟団体以外の方は「その他」に所属先をご記入ください', '受付確認と当日のご案内に使います',
      '当日の参加にあたり配慮が必要なことがあればご記入ください（任意）。記入内容は運営担当者のみが閲覧し、当日の準備にのみ使います。記入する場合は下の同意欄にチェックしてください。',
      'お申し込みありがとうございました。受付内容は運営担当者が確認します。定員を超えた場合はキャンセル待ちとしてご連絡します。',
      'アンケートへのご協力ありがとうございました。今後の運営に活かします。',
    ],
  },
  'workspace/features/forms.ts': {
    why: 'form descriptions and the e-mail question\'s validation help text: form content',
    texts: ['参加をご希望の方は、以下にご記入ください。', 'ご参加ありがとうございました。無記名のアンケートです。今後の企画に活かします。', 'メールアドレスの形式で入力してください'],
  },
  'domain/settings.ts': {
    why: 'descriptions written in the 設定 sheet\'s 説明 column: sheet content',
    texts: ['パンフレットで種別を並べる順（「、」区切り。ない種別は後ろに五十音順）', '「活動報告書を作成」が使うひな形（Google ドキュメント）のid。空にすると次回新しく作ります', "行事の何日後にアンケートのお願いをもう一度送るか（空欄なら送らない。回答は匿名のため、出席者全員に送ります）", "参加者への返信先（空欄なら送信したアカウント）。キャンセルの連絡はここに届きます"],
  },
  'domain/survey-sheet.ts': {
    why: 'notes on the アンケート集計 sheets, beside their Japanese headers: sheet content',
    texts: [
      '人未満の区分を「その他」にまとめるか表示しません。ほかの設問の人数は回答者全体の集計なので、1人や2人の選択肢もそのまま表示します。',
      '人以上の区分がないため表示しません。', '行事ごとの詳しい結果とグラフは「アンケート集計_行事id」のシートにあります。', 'アンケートのある行事はまだありません。',
    ],
  },
  'domain/mail.ts': {
    why: "participant mail\'s default texts (written into the メール文面 sheet by 初期設定, edited there) and the how-to-join lines inside a mail: mail content participants read",
    texts: [
      "\\n\\n――――\\n{{ネットワーク名}}\\nお問い合わせ: {{問い合わせ先}}\\n（このメールは送信専用ではありません。ご返信いただけます。）",
      "ご都合が悪くなった場合は、このメールに「キャンセル」とご返信ください。担当者が取消の手続きをします（キャンセル待ちの方に席をお譲りします）。",
      "{{氏名}} 様\\n\\n{{行事名}} へのお申し込みを受け付けました。\\n\\n日時: {{日時}}\\n{{参加方法}}\\n\\n添付の予定ファイル（.ics）を開くと、カレンダーに登録できます。\\n",
      "{{氏名}} 様\\n\\n{{行事名}} は定員に達したため、キャンセル待ち（{{順番}}番目）として受け付けました。\\n席が空きしだい、順番にメールでお知らせします。\\n\\n日時: {{日時}}\\n\\nキャンセル待ちを取り下げる場合は、このメールにご返信ください。",
      "{{氏名}} 様\\n\\nキャンセルが出たため、{{行事名}} にご参加いただけることになりました。\\n\\n日時: {{日時}}\\n{{参加方法}}\\n\\n添付の予定ファイル（.ics）を開くと、カレンダーに登録できます。\\n",
      "{{氏名}} 様\\n\\n{{行事名}} が近づいてきましたのでお知らせします。\\n\\n日時: {{日時}}\\n{{参加方法}}\\n\\n",
      "{{氏名}} 様\\n\\n{{行事名}} にご参加いただき、ありがとうございました。\\nよろしければアンケートにご協力ください（無記名です。どなたの回答かは分かりません）。\\n{{アンケートURL}}",
      "{{氏名}} 様\\n\\n先日は {{行事名}} にご参加いただき、ありがとうございました。\\nアンケートにまだご回答でなければ、ご協力をお願いします（無記名です）。\\n{{アンケートURL}}\\n\\nすでにご回答いただいた方は、行き違いをご容赦ください（回答は匿名のため、どなたが回答済みかは分かりません）。",
      "参加方法: オンライン（参加URLは前日までにお送りします）",
      "（追ってお知らせします）",
    ],
  },
  'workspace/mail.ts': {
    why: "the 問い合わせ先 line inside a mail when 設定 names none: mail content",
    texts: [
      "（このメールにご返信ください）",
    ],
  },
  // docsapi converts (issue 18 rewrites these files: the template engine, the pamphlet and the report). The lead removes
  // these entries when that branch is merged.
  'domain/pamphlet.ts': {
    why: 'docsapi converts: template-check messages; the two default pamphlet texts are template data and stay',
    texts: [
      '}} は使えない差し込み項目です。近い項目: ', ' は、それだけを書いた段落に置いてください（', ' がありません。', 'か所にあります。1か所にしてください。',
      '区切りの順序が正しくありません。', ' の順に置いてください。', 'に閉じていない {{ または }} があります。', '}} は団体の項目です。', ' の表の中に置いてください。',
      ' の中に置いてください。', ' の間には表を1つだけ置いてください（団体ごとに表の行を繰り返します）。', ' の表に団体の項目（例: {{名称}}）がありません。',
      'このガイドは、障害のある方の採用や職場定着について相談できる地域の就労支援機関を、種別ごとにご紹介するものです。見学や職場実習のご相談、雇用後の定着支援など、お気軽に各機関の企業向け窓口へお問い合わせください。',
      'お問い合わせの際は「{{ネットワーク名}}のガイドを見た」とお伝えください。',
    ],
  },
  'domain/report-template.ts': {
    why: 'docsapi converts: template-check messages; the default report\'s privacy sentence is template data and stays',
    texts: [
      'この報告書には参加者の氏名・連絡先を載せていません。アンケートの内訳は、回答者が特定されないよう5人未満の区分を表示していません。',
      '}} は使えない差し込み項目です。近い項目: ', ' は使えません。使える印: ', ' があります。', ' を先に置いてください。', ' がありません。',
      ' の間に表がありません。繰り返す行を表にしてください。', ' の中に表が2つあります。1つにしてください。',
    ],
  },
  'workspace/features/activityReport.ts': {
    why: 'docsapi converts: the report template\'s 設定 description (domain/settings.ts declares it)',
    texts: ['「活動報告書を作成」が使うひな形（Google ドキュメント）のid。空にすると次回新しく作ります'],
  },
};

function files(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function sentencesIn(source: string): { text: string; line: number }[] {
  return literals(source).filter((l) => JAPANESE.test(l.text) && SENTENCE.test(l.text));
}

describe('Japanese sentences live in the i18n catalogue', () => {
  test('no server file outside src/server/i18n writes a Japanese sentence as a literal, except the listed data', () => {
    const found: string[] = [];
    const used = new Set<string>();
    for (const file of files(server)) {
      const rel = path.relative(server, file).split(path.sep).join('/');
      if (rel.startsWith('i18n/')) continue;
      for (const l of sentencesIn(readFileSync(file, 'utf8'))) {
        if (DATA[rel]?.texts.includes(l.text)) { used.add(`${rel}\u0000${l.text}`); continue; }
        found.push(`${rel}:${l.line} ${l.text}`);
      }
    }
    expect(found).toEqual([]);
    // A listed text that is no longer in its file is removed from the list, so the list stays the truth.
    const stale = Object.entries(DATA).flatMap(([rel, d]) => d.texts.filter((x) => !used.has(`${rel}\u0000${x}`)).map((x) => `${rel} ${x}`));
    expect(stale).toEqual([]);
  });

  test('the scan finds a sentence in a string, a template literal and across a line, and skips comments and regexes', () => {
    const source = [
      "const a = '行を確認してください';",
      'const b = `${n}件を追加しました`;',
      '// コメントの文です。',
      'const r = /です。/;',
      "const label = '団体';",
    ].join('\n');
    expect(sentencesIn(source).map((l) => [l.line, l.text])).toEqual([[1, '行を確認してください'], [2, '件を追加しました']]);
  });

  test('the English catalogue holds no Japanese sentence (data values in 「」 aside)', () => {
    // Every key written in the catalogue's files, rendered in English.
    const source = readdirSync(path.join(server, 'i18n')).map((f) => readFileSync(path.join(server, 'i18n', f), 'utf8')).join('\n');
    const all = [...new Set([...source.matchAll(/^\s*'([a-zA-Z][\w.]*)':/gm)].map((m) => m[1]!))];
    expect(all.length).toBeGreaterThan(200);
    const japanese = all.map((k) => [k, t('en', k as MessageKey).replace(/「[^」]*」/g, '')] as const).filter(([, text]) => JAPANESE.test(text) && SENTENCE.test(text));
    expect(japanese).toEqual([]);
  });
});
