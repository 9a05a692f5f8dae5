/**
 * The registration form: its questions, and turning one answer set into a normalised registration with the
 * problems a coordinator must see. Pure.
 */
import { quoteText } from './text';
import { isEmail, normaliseEmail } from './email';
import type { Localized } from '../i18n/messages';

export const REGISTRATION_TITLES = {
  name: '氏名',
  furigana: 'ふりがな',
  agency: '所属',
  jobTitle: '職種',
  email: 'メール',
  participation: '参加形態',
  accommodation: '必要な配慮',
  consent: '配慮事項の取扱い',
  optOut: 'お知らせの配信',
} as const;

export const PARTICIPATION_MODES = ['対面', 'オンライン'] as const;
export const CONSENT_CHOICE = '上記に同意して記入します';
/** Ticked: 配信停止 in the ledger — reminders, thank-you and survey mail are not sent (the confirmation still is). */
export const OPT_OUT_CHOICE = '配信を希望しない（申込確認のみ受け取る）';

export interface QuestionSpec {
  title: string;
  type: 'TEXT' | 'PARAGRAPH_TEXT' | 'MULTIPLE_CHOICE' | 'LIST' | 'CHECKBOX' | 'SCALE' | 'SECTION_HEADER';
  required: boolean;
  helpText?: string;
  choices?: string[];
  /** MULTIPLE_CHOICE/CHECKBOX: an 「その他」 free-text choice. */
  otherOption?: boolean;
  email?: boolean;
  scale?: { lower: number; upper: number; lowerLabel: string; upperLabel: string };
}

/**
 * The registration form's items, in order. `agencyNames` are the member agencies from 団体 (名称). With an accommodation
 * form (issue 19) the needs are asked there, where only the coordinators can read them, and the registration form
 * only points to it: its answers land in the response sheet every volunteer can open.
 */
export function registrationQuestions(agencyNames: readonly string[], accommodationFormUrl = ''): QuestionSpec[] {
  const t = REGISTRATION_TITLES;
  const needs: QuestionSpec[] = accommodationFormUrl !== ''
    ? [{ title: ACCOMMODATION_SECTION, type: 'SECTION_HEADER', required: false, helpText: accommodationPointer(accommodationFormUrl) }]
    : [
      {
        title: ACCOMMODATION_SECTION, type: 'SECTION_HEADER', required: false,
        helpText: '当日の参加にあたり配慮が必要なことがあればご記入ください（任意）。記入内容は運営担当者のみが閲覧し、当日の準備にのみ使います。記入する場合は下の同意欄にチェックしてください。',
      },
      { title: t.accommodation, type: 'PARAGRAPH_TEXT', required: false },
      { title: t.consent, type: 'CHECKBOX', required: false, choices: [CONSENT_CHOICE] },
    ];
  return [
    { title: t.name, type: 'TEXT', required: true },
    { title: t.furigana, type: 'TEXT', required: true, helpText: 'ひらがなで入力してください' },
    {
      title: t.agency, type: 'MULTIPLE_CHOICE', required: true, choices: agencyNames.length ? [...agencyNames] : ['（加盟団体なし）'], otherOption: true,
      helpText: '加盟団体以外の方は「その他」に所属先をご記入ください',
    },
    { title: t.jobTitle, type: 'TEXT', required: false, helpText: '例: 就労支援員、職業指導員、サービス管理責任者' },
    { title: t.email, type: 'TEXT', required: true, email: true, helpText: '受付確認と当日のご案内に使います' },
    { title: t.participation, type: 'MULTIPLE_CHOICE', required: true, choices: [...PARTICIPATION_MODES] },
    { title: t.optOut, type: 'CHECKBOX', required: false, choices: [OPT_OUT_CHOICE] },
    ...needs,
  ];
}

export const ACCOMMODATION_SECTION = '必要な配慮について';

/** The registration form's pointer to the accommodation form (a form's help text is data, as the questions are). */
export function accommodationPointer(url: string): string {
  return `当日の参加にあたり配慮が必要な方は、こちらの別のフォームでお知らせください（任意）。記入内容は運営担当のコーディネーターだけが見られ、このフォームの回答とは別に保管します: ${url}`;
}

export const REGISTRATION_CONFIRMATION = 'お申し込みありがとうございました。受付内容は運営担当者が確認します。定員を超えた場合はキャンセル待ちとしてご連絡します。';
export const SURVEY_CONFIRMATION = 'アンケートへのご協力ありがとうございました。今後の運営に活かします。';

export type Answers = Readonly<Record<string, string>>;

export interface AgencyRef { id: string; name: string; kind: string; /** 名称カナ, to link an agency typed in ふりがな. */ kana?: string }

export interface Registration {
  name: string;
  furigana: string;
  /** Agency id when the answer names a member agency, else ''. */
  agencyId: string;
  /** What the participant chose or typed for 所属. */
  agencyText: string;
  jobTitle: string;
  email: string;
  participation: string;
  hasAccommodation: boolean;
  consented: boolean;
  /** 「配信を希望しない」 ticked (participant mail, issue 15). */
  optOut: boolean;
}

export interface FieldProblem { field: keyof typeof REGISTRATION_TITLES; message: Localized }

/** Collapses runs of spaces (half or full width) inside a name to one full-width space, trims the ends. */
export function normaliseName(raw: string): string {
  return raw.replace(/[\s\u3000]+/g, ' ').trim().replace(/ /g, '\u3000');
}

/** Katakana → hiragana, spaces collapsed; other characters kept as typed. */
export function normaliseFurigana(raw: string): string {
  return normaliseName(raw).replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/** Matches an agency answer to a member agency by 名称 (NFKC, spaces ignored). */
export function matchAgency(agencies: readonly AgencyRef[], answer: string): AgencyRef | null {
  const key = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  const k = key(answer);
  if (k === '') return null;
  return agencies.find((a) => key(a.name) === k) ?? null;
}

/** Normalises one set of registration answers (question title → text) and lists what is wrong with it. */
export function normaliseRegistration(answers: Answers, agencies: readonly AgencyRef[]): { registration: Registration; problems: FieldProblem[] } {
  const t = REGISTRATION_TITLES;
  const get = (title: string) => String(answers[title] ?? '');
  const name = normaliseName(get(t.name));
  const email = normaliseEmail(get(t.email));
  const agencyText = get(t.agency).trim();
  const agency = matchAgency(agencies, agencyText);
  const participationRaw = get(t.participation).trim();
  const consented = get(t.consent).includes(CONSENT_CHOICE);
  const registration: Registration = {
    name,
    furigana: normaliseFurigana(get(t.furigana)),
    agencyId: agency?.id ?? '',
    agencyText: agency?.name ?? agencyText,
    jobTitle: get(t.jobTitle).trim(),
    email,
    participation: participationRaw,
    hasAccommodation: get(t.accommodation).trim() !== '',
    consented,
    optOut: get(t.optOut).includes(OPT_OUT_CHOICE),
  };
  const problems: FieldProblem[] = [];
  if (name === '') problems.push({ field: 'name', message: { key: 'registration.nameEmpty' } });
  if (email === '') problems.push({ field: 'email', message: { key: 'registration.emailEmpty' } });
  else if (!isEmail(email)) problems.push({ field: 'email', message: { key: 'registration.emailInvalid', params: { value: quoteText(email) } } });
  if (participationRaw !== '' && !(PARTICIPATION_MODES as readonly string[]).includes(participationRaw)) {
    problems.push({ field: 'participation', message: { key: 'registration.participationInvalid', params: { value: quoteText(participationRaw) } } });
  }
  if (registration.hasAccommodation && !consented) {
    problems.push({ field: 'accommodation', message: { key: 'registration.accommodationWithoutConsent' } });
  }
  return { registration, problems };
}

/** Text that a spreadsheet would take as a formula if written as is (OWASP ASVS 1.2.10). */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}
