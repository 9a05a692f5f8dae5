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
      '当日の参加にあたり配慮が必要な方は、こちらの別のフォームでお知らせください（任意）。記入内容は運営担当のコーディネーターだけが見られ、このフォームの回答とは別に保管します: ',
    ],
  },
  'workspace/features/accommodation.ts': {
    why: 'the accommodation form\'s own texts (its consent wording: who reads the answer and until when, its help texts, confirmation message): form content participants read (issue 19)',
    texts: [
      'ここに記入された内容（障害や疾病に関わる配慮事項を含みます）は、運営担当のコーディネーター',
      '名だけが閲覧し、当日の準備にのみ使います。ボランティアや他の参加者、共有の名簿には表示されません（名簿には「',
      '」とだけ表示します）。', 'まで保管し、その後削除します。削除や開示のご希望は運営担当者にお知らせください。',
      'お知らせいただきありがとうございました。運営担当のコーディネーターだけが確認します。',
      '申込フォームと同じメールアドレスを入力してください', 'メールアドレスの形式で入力してください',
    ],
  },
  'workspace/features/forms.ts': {
    why: 'form descriptions and the e-mail question\'s validation help text: form content',
    texts: ['参加をご希望の方は、以下にご記入ください。', 'ご参加ありがとうございました。無記名のアンケートです。今後の企画に活かします。', 'メールアドレスの形式で入力してください'],
  },
  'domain/settings.ts': {
    why: 'descriptions written in the 設定 sheet\'s 説明 column: sheet content',
    texts: [
      'パンフレットで種別を並べる順（「、」区切り。ない種別は後ろに五十音順）', '「活動報告書を作成」が使うひな形（Google ドキュメント）のid。空にすると次回新しく作ります',
      '参加証明書のひな形（Google ドキュメント）のID。文面は直せます（{{氏名}} などの欄は残してください）',
      '行事のあと参加者の個人情報を残す期間（翌年度末・翌々年度末・6か月・2年など）。「個人情報の整理」が過ぎたものを削除します',
    ],
  },
  'domain/consultations.ts': {
    why: 'the company inquiry form\'s help text (issue 17): form content companies read',
    texts: ['活動報告に社名を載せてよいか（件数は社名なしで数えます）'],
  },
  'workspace/features/consultations.ts': {
    why: 'the company and status forms\' descriptions and confirmations (issue 17): form content companies and agencies read',
    texts: ['の会員団体がご相談に応じます。', 'ご相談を受け付けました。担当の団体からご連絡します。', '受け付けました。'],
  },
  'domain/checkin.ts': {
    why: 'the self check-in form\'s description and confirmation, and the roster\'s poster text: form and document content',
    texts: [
      '会場受付です。申込のメールアドレスまたは受付番号を入力してください。', '受付しました。会場へお進みください。',
      'QRコードを読み取り、申込のメールアドレスか受付番号を入力してください。申込がない方はお名前を入力してください。',
    ],
  },
  'domain/agency-round.ts': {
    why: 'the 掲載情報の確認 form\'s description, confirmation and help texts: form content the agencies read',
    texts: [
      '企業向けパンフレットに載せる貴団体の情報です。変更点を直し、掲載の可否をお選びください。事務局が確認して反映します。', 'ありがとうございました。事務局が確認して反映します。',
      '変更しないでください', '印の項目は載せません（名称は必ず載ります）', '撤回: 次のパンフレットから外します',
    ],
  },
  'domain/certificates.ts': {
    why: 'the default certificate template\'s sentence: template data (the coordinator rewords it in Docs)',
    texts: ['あなたは下記の研修に参加したことを証明します。'],
  },
  'domain/survey-sheet.ts': {
    why: 'notes on the アンケート集計 sheets, beside their Japanese headers: sheet content',
    texts: [
      '人未満の区分を「その他」にまとめるか表示しません。ほかの設問の人数は回答者全体の集計なので、1人や2人の選択肢もそのまま表示します。',
      '人以上の区分がないため表示しません。', '行事ごとの詳しい結果とグラフは「アンケート集計_行事id」のシートにあります。', 'アンケートのある行事はまだありません。',
    ],
  },
  'domain/pamphlet.ts': {
    why: 'the two default pamphlet texts are template data',
    texts: [
      'このガイドは、障害のある方の採用や職場定着について相談できる地域の就労支援機関を、種別ごとにご紹介するものです。見学や職場実習のご相談、雇用後の定着支援など、お気軽に各機関の企業向け窓口へお問い合わせください。',
      'お問い合わせの際は「{{ネットワーク名}}のガイドを見た」とお伝えください。',
      // issue 17: the 企業相談フォーム's link line of the default template
      'どの機関に相談すればよいか分からないときは、企業相談フォームからどうぞ（担当の機関からご連絡します）：{{企業相談フォーム}}',
    ],
  },
  'domain/report-template.ts': {
    why: 'the default report\'s privacy sentence is template data',
    texts: ['この報告書には参加者の氏名・連絡先を載せていません。企業相談は件数だけで、社名は掲載に同意した企業のみです。アンケートの内訳は、回答者が特定されないよう5人未満の区分を表示していません。'],
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
    // メール文面's default texts (mail.default.*) are sheet data: 初期設定 writes them in Japanese whoever runs it, and
    // the English catalogue holds the same text rather than a translation no one would receive.
    const japanese = all.filter((k) => !k.startsWith('mail.default.'))
      .map((k) => [k, t('en', k as MessageKey).replace(/「[^」]*」/g, '')] as const).filter(([, text]) => JAPANESE.test(text) && SENTENCE.test(text));
    expect(japanese).toEqual([]);
  });
});
