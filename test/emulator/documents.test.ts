/**
 * DocumentApp's regular expressions are RE2 (https://github.com/google/re2/wiki/Syntax), as the reference says
 * (https://developers.google.com/apps-script/reference/document/body#replaceText(String,String)).
 */
import { createEmulator } from '../../emulator';

function bodyWith(text: string) {
  const { DocumentApp } = createEmulator().globals;
  const doc = DocumentApp.create('re2');
  doc.getBody().appendParagraph(text);
  return doc.getBody();
}

describe('RE2 in replaceText / findText', () => {
  test('\\s is ASCII whitespace only: a full-width space (U+3000) or a no-break space is not matched', () => {
    expect(bodyWith('{{\u3000名前\u3000}}').findText('\\{\\{\\s*名前\\s*\\}\\}')).toBeNull();
    expect(bodyWith('a\u00a0b').findText('a\\sb')).toBeNull();
    expect(bodyWith('{{ 名前\t}}').findText('\\{\\{\\s*名前\\s*\\}\\}')).not.toBeNull();
  });

  test('\\d and \\w are ASCII only; \\x{3000} and \\pL name code points as RE2 writes them', () => {
    expect(bodyWith('１２３').findText('\\d')).toBeNull();
    expect(bodyWith('café').findText('caf\\w')).toBeNull();
    expect(bodyWith('[\u3000]').findText('\\x{3000}')).not.toBeNull();
    expect(bodyWith('漢字').findText('\\p{Han}+')!.getEndOffsetInclusive()).toBe(1);
    const b = bodyWith('x 1 y');
    b.replaceText('[^\\S]\\d[^\\S]', '-');
    expect(b.getText()).toContain('x-y');
  });

  test('unsupported syntax fails: lookahead, lookbehind, backreferences', () => {
    const body = bodyWith('abc');
    expect(() => body.replaceText('a(?=b)', 'x')).toThrow('Invalid regular expression pattern a(?=b)');
    expect(() => body.findText('(?<=a)b')).toThrow('Invalid regular expression pattern');
    expect(() => body.findText('(a)\\1')).toThrow('Invalid regular expression pattern');
  });
});
