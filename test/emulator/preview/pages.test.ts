/** Preview pages: escaping, Google URLs mapped to preview pages, and a participant's answers as the emulator wants them. */
import { answersFrom, esc, formPage, FormView, formValues } from '../../../emulator/preview/pages';
import { previewUrl } from '../../../emulator/preview/client/links';

const FORM: FormView = {
  id: '1FormEmu0001', publishedKey: '1FAIpQLSemu0001', title: '研修 <申込>', description: '', confirmationMessage: '', published: true,
  acceptingResponses: true, responses: [],
  items: [
    { id: 11, type: 'TEXT', title: '氏名', helpText: '', required: true, choices: [], hasOther: false, lowerBound: 0, upperBound: 0, leftLabel: '', rightLabel: '' },
    { id: 12, type: 'CHECKBOX', title: '関心', helpText: '', required: false, choices: ['A', 'B<script>'], hasOther: true, lowerBound: 0, upperBound: 0, leftLabel: '', rightLabel: '' },
    { id: 13, type: 'SCALE', title: '満足度', helpText: '', required: false, choices: [], hasOther: false, lowerBound: 1, upperBound: 5, leftLabel: '低', rightLabel: '高' },
    { id: 14, type: 'SECTION_HEADER', title: '任意', helpText: '', required: false, choices: [], hasOther: false, lowerBound: 0, upperBound: 0, leftLabel: '', rightLabel: '' },
  ],
};

test('esc makes markup inert', () => {
  expect(esc('<img src=x onerror="alert(1)">&\'')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;');
});

test('a form page escapes titles and choices and keeps prefilled values', () => {
  const html = formPage(FORM, formValues(new URLSearchParams('usp=pp_url&entry.11=%3Cb%3E%E5%B1%B1%E7%94%B0&entry.12=A')));
  expect(html).toContain('研修 &lt;申込&gt;');
  expect(html).toContain('value="B&lt;script&gt;"');
  expect(html).not.toContain('<script>');
  expect(html).toContain('value="&lt;b&gt;山田"');
  expect(html).toMatch(/value="A" checked/);
});

test('answers are keyed by question title: checkboxes as lists, scales as numbers, blanks left out', () => {
  const values = formValues(new URLSearchParams('entry.11=山田&entry.12=A&entry.12=B%3Cscript%3E&entry.13=4&entry.99=x'));
  expect(answersFrom(FORM, values)).toEqual({ 氏名: '山田', 関心: ['A', 'B<script>'], 満足度: 4 });
  expect(answersFrom(FORM, formValues(new URLSearchParams('entry.11=')))).toEqual({});
  // 「その他」 as Google sends it.
  expect(answersFrom(FORM, formValues(new URLSearchParams('entry.12=A&entry.12=__other_option__&entry.12.other_option_response=自由')))).toEqual({ 関心: ['A', '自由'] });
});

test('Google URLs the add-on hands out open the preview page for the same object', () => {
  expect(previewUrl('https://docs.google.com/forms/d/e/1FAIpQLSemu0001/viewform?usp=pp_url&entry.11=x')).toBe('/forms/e/1FAIpQLSemu0001/viewform?usp=pp_url&entry.11=x');
  expect(previewUrl('https://docs.google.com/forms/d/1FormEmu0001/edit')).toBe('/forms/1FormEmu0001');
  expect(previewUrl('https://docs.google.com/document/d/doc-0001-abc/edit')).toBe('/docs/doc-0001-abc');
  expect(previewUrl('https://drive.google.com/file/d/pdf-0002-xyz/view')).toBe('/drive/pdf-0002-xyz/view');
  expect(previewUrl('https://example.jp/')).toBeNull();
  expect(previewUrl('javascript:alert(1)')).toBeNull();
});
