/**
 * The agency registry (団体): normalising what volunteers typed and finding what must be fixed by a person.
 * Pure: takes the sheet's rows as plain cell values, returns typed agencies, fixes (new cell values) and problems.
 */
import { AGENCIES, AGENCY_KINDS, CONSENT_STATES, ConsentState, DISABILITY_TYPES, EMPLOYER_SERVICES, GROUPS, KeysOf } from './schema';
import { formatPostalCode, isHttpUrl, isKatakana, normaliseAscii, normaliseUrl, phoneDigits, postalDigits, splitMulti, tidyPhone } from './ja';
import { CivilDate, isoDate, parseCivilDate } from './dates';
import { isEmail, normaliseEmail } from './email';

export type AgencyKey = KeysOf<typeof AGENCIES>;
/** A cell as the workspace layer hands it over: dates already turned into yyyy-mm-dd in the spreadsheet's zone. */
export type CellInput = string | number | boolean;
export type AgencyRowInput = { rowNumber: number; cells: Partial<Record<AgencyKey, CellInput>> };

export interface Agency {
  rowNumber: number;
  id: string;
  name: string;
  nameKana: string;
  kind: string;
  corporation: string;
  postalCode: string;
  address: string;
  nearestStation: string;
  phone: string;
  fax: string;
  email: string;
  url: string;
  disabilityTypes: string[];
  employerServices: string[];
  employerContact: string;
  features: string;
  openingHours: string;
  group: string;
  joinedOn: string | null;
  consent: ConsentState | string;
  consentDate: string | null;
  userServices: string;
  lastConfirmedOn: string | null;
  remarks: string;
  /** No problem was found on this row. */
  valid: boolean;
}

/** Problem codes; the i18n layer turns code + params into a sentence saying what to do. */
export type ProblemCode =
  | 'required'
  | 'phoneOrEmailRequired'
  | 'notKatakana'
  | 'notInChoices'
  | 'unknownMultiValue'
  | 'postalCode'
  | 'phoneDigits'
  | 'phoneChars'
  | 'email'
  | 'url'
  | 'impossibleDate'
  | 'notADate'
  | 'consentDateMissing'
  | 'duplicateName'
  | 'duplicatePhone'
  | 'duplicateId';

export interface RegistryProblem {
  rowNumber: number;
  key: AgencyKey;
  code: ProblemCode;
  params: Record<string, string | number>;
}

export interface CellFix {
  rowNumber: number;
  key: AgencyKey;
  value: string;
}

export interface RegistryCheck {
  rows: number;
  agencies: Agency[];
  fixes: CellFix[];
  problems: RegistryProblem[];
}

const header = (key: AgencyKey) => AGENCIES.columns.find((c) => c.key === key)!.header;

function text(v: CellInput | undefined): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : String(v);
}

function isBlankRow(cells: Partial<Record<AgencyKey, CellInput>>): boolean {
  return Object.values(cells).every((v) => text(v).trim() === '');
}

/** Next free id of the form AG-001 given the ids in use. */
export function nextAgencyIds(existing: readonly string[], count: number): string[] {
  let max = 0;
  for (const id of existing) {
    const m = /^AG-(\d+)$/.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return Array.from({ length: count }, (_, i) => `AG-${String(max + i + 1).padStart(3, '0')}`);
}

/** Compares names ignoring width and spaces, so 「ステップワーク　神田」 and 「ステップワーク神田」 collide. */
function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export function checkRegistry(rows: readonly AgencyRowInput[]): RegistryCheck {
  const fixes: CellFix[] = [];
  const problems: RegistryProblem[] = [];
  const agencies: Agency[] = [];
  const filled = rows.filter((r) => !isBlankRow(r.cells));
  const newIds = nextAgencyIds(filled.map((r) => text(r.cells.id).trim()), filled.filter((r) => text(r.cells.id).trim() === '').length);

  for (const row of filled) {
    const { rowNumber, cells } = row;
    const rowProblems: RegistryProblem[] = [];
    const problem = (key: AgencyKey, code: ProblemCode, params: Record<string, string | number> = {}) =>
      rowProblems.push({ rowNumber, key, code, params: { column: header(key), ...params } });
    const fix = (key: AgencyKey, value: string) => {
      if (value !== text(cells[key])) fixes.push({ rowNumber, key, value });
      return value;
    };

    let id = text(cells.id).trim();
    if (id === '') id = fix('id', newIds.shift()!);

    const trimmed = (key: AgencyKey) => {
      const raw = text(cells[key]);
      return raw.trim() === raw ? raw : fix(key, raw.trim());
    };
    const name = trimmed('name');
    const nameKana = trimmed('nameKana');
    if (name === '') problem('name', 'required');
    if (nameKana === '') problem('nameKana', 'required');
    else if (!isKatakana(nameKana)) problem('nameKana', 'notKatakana', { value: nameKana });

    const kind = trimmed('kind');
    if (kind === '') problem('kind', 'required');
    else if (!(AGENCY_KINDS as readonly string[]).includes(kind)) problem('kind', 'notInChoices', { value: kind, choices: AGENCY_KINDS.join('・') });

    const postalRaw = text(cells.postalCode);
    let postalCode = postalRaw.trim();
    if (postalCode !== '') {
      const digits = postalDigits(postalCode);
      if (digits) postalCode = fix('postalCode', formatPostalCode(digits));
      else problem('postalCode', 'postalCode', { value: postalRaw });
    }

    const phoneField = (key: 'phone' | 'fax'): string => {
      // A number typed into a non-text cell lost its leading 0 to Sheets; Japanese numbers always start with 0.
      const cell = cells[key];
      const raw = typeof cell === 'number' ? `0${cell}` : text(cell);
      if (raw.trim() === '') return '';
      const digits = phoneDigits(raw);
      if (digits === null) {
        problem(key, 'phoneChars', { value: raw });
        return raw;
      }
      // 11 digits only for mobile / IP numbers (050, 070, 080, 090, 0800); a landline is 10 digits with its area code.
      if (digits.length !== 10 && !(digits.length === 11 && /^0[5-9]0/.test(digits))) {
        problem(key, 'phoneDigits', { value: raw, digits: digits.length });
        return raw;
      }
      return fix(key, tidyPhone(raw));
    };
    const phone = phoneField('phone');
    const fax = phoneField('fax');

    // E-mail and URL: optional, one normal form (domain/email.ts, domain/ja.ts) and one check each; a value that fails
    // the check stays as typed (nothing fixed) and is reported under the field's own code.
    const normalised = (key: 'email' | 'url', normalise: (raw: string) => string, valid: (value: string) => boolean): string => {
      const raw = text(cells[key]);
      if (raw.trim() === '') return '';
      const value = normalise(raw);
      if (valid(value)) return fix(key, value);
      problem(key, key, { value: raw });
      return '';
    };
    const email = normalised('email', normaliseEmail, isEmail);
    if (phone === '' && text(cells.email).trim() === '') problem('phone', 'phoneOrEmailRequired');
    const url = normalised('url', normaliseUrl, isHttpUrl);

    const multi = (key: 'disabilityTypes' | 'employerServices', allowed: readonly string[]): string[] => {
      const raw = text(cells[key]);
      const values = splitMulti(raw);
      const unknown = values.filter((v) => !allowed.includes(v));
      if (unknown.length) problem(key, 'unknownMultiValue', { value: unknown.join('、'), choices: allowed.join('・') });
      else if (values.length) fix(key, values.join(';'));
      return values;
    };
    const disabilityTypes = multi('disabilityTypes', DISABILITY_TYPES);
    const employerServices = multi('employerServices', EMPLOYER_SERVICES);

    const group = trimmed('group');
    if (group !== '' && !(GROUPS as readonly string[]).includes(normaliseAscii(group).toUpperCase())) {
      problem('group', 'notInChoices', { value: group, choices: GROUPS.join('・') });
    } else if (group !== '') fix('group', normaliseAscii(group).toUpperCase());

    const date = (key: 'joinedOn' | 'consentDate' | 'lastConfirmedOn'): string | null => {
      const raw = text(cells[key]).trim();
      if (raw === '') return null;
      const parsed = parseCivilDate(raw);
      if (parsed === null) {
        problem(key, 'notADate', { value: raw });
        return null;
      }
      if ('invalid' in parsed) {
        problem(key, 'impossibleDate', { value: raw });
        return null;
      }
      return fix(key, isoDate(parsed as CivilDate));
    };
    const joinedOn = date('joinedOn');
    const consentDate = date('consentDate');
    const lastConfirmedOn = date('lastConfirmedOn');

    const consent = trimmed('consent');
    if (consent !== '' && !(CONSENT_STATES as readonly string[]).includes(consent)) {
      problem('consent', 'notInChoices', { value: consent, choices: CONSENT_STATES.join('・') });
    } else if (consent === '同意' && text(cells.consentDate).trim() === '') {
      problem('consentDate', 'consentDateMissing');
    }

    problems.push(...rowProblems);
    agencies.push({
      rowNumber, id, name, nameKana, kind, corporation: text(cells.corporation).trim(), postalCode, address: text(cells.address).trim(),
      nearestStation: text(cells.nearestStation).trim(), phone, fax, email, url, disabilityTypes, employerServices,
      employerContact: text(cells.employerContact).trim(), features: text(cells.features).trim(), openingHours: text(cells.openingHours).trim(),
      group: normaliseAscii(group).toUpperCase(), joinedOn, consent: consent || '未同意', consentDate, userServices: text(cells.userServices).trim(),
      lastConfirmedOn, remarks: text(cells.remarks), valid: rowProblems.length === 0,
    });
  }

  // Duplicates across rows: reported on the later row, naming the earlier one.
  const seen = { id: new Map<string, number>(), name: new Map<string, number>(), phone: new Map<string, number>() };
  for (const a of agencies) {
    const mark = (key: AgencyKey, code: ProblemCode, first: number) => {
      problems.push({ rowNumber: a.rowNumber, key, code, params: { column: header(key), row: first } });
      a.valid = false;
    };
    const idFirst = seen.id.get(a.id);
    if (idFirst !== undefined) mark('id', 'duplicateId', idFirst);
    else seen.id.set(a.id, a.rowNumber);
    if (a.name) {
      const k = nameKey(a.name);
      const first = seen.name.get(k);
      if (first !== undefined) mark('name', 'duplicateName', first);
      else seen.name.set(k, a.rowNumber);
    }
    const digits = a.phone ? phoneDigits(a.phone) : null;
    if (digits && (digits.length === 10 || digits.length === 11)) {
      const first = seen.phone.get(digits);
      if (first !== undefined) mark('phone', 'duplicatePhone', first);
      else seen.phone.set(digits, a.rowNumber);
    }
  }
  problems.sort((x, y) => x.rowNumber - y.rowNumber || AGENCIES.columns.findIndex((c) => c.key === x.key) - AGENCIES.columns.findIndex((c) => c.key === y.key));
  return { rows: filled.length, agencies, fixes, problems };
}
