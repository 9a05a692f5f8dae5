/**
 * Issue 14 item 13: `npm start -- --locale en` prints its start message in English (the product name too); the
 * default stays Japanese. The built preview is started as `npm start` starts it (build/preview.cjs), and the message
 * function is checked with a highlight (the year-end scenario's report link) without seeding that scenario.
 */
import { startPreview } from '../../browser/harness';
import { startMessage } from '../../../emulator/preview/server';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

test('npm start -- --locale en: the start message is English, with the URL line tools look for', async () => {
  const preview = await startPreview(['--locale', 'en', '--scenario', 'start']);
  try {
    const lines = preview.output.join('').split('\n').filter((l) => l.trim() !== '');
    const start = lines.findIndex((l) => l.includes('preview:'));
    expect(start).toBeGreaterThanOrEqual(0);
    const message = lines.slice(start);
    expect(message[0]).toMatch(/^Employment-support network add-on — preview: started afresh from scenario "start" \(state in .+\)$/);
    expect(message.at(-1)).toMatch(/^Preview running at http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const line of message) expect({ line, japanese: JAPANESE.test(line) }).toEqual({ line, japanese: false });
  } finally {
    await preview.stop();
  }
}, 60_000);

test('the start message in each locale: replayed actions and the scenario\'s highlighted link', () => {
  const highlights = [{ title: '活動報告書「活動報告書_2025年度」を開く', titleEn: 'Open the activity report "活動報告書_2025年度"', href: '/docs/doc-1' }];
  expect(startMessage({ locale: 'en', scenario: 'year-end', replayed: 3, dir: '.preview-state', highlights, port: 8787 })).toEqual([
    'Employment-support network add-on — preview: scenario "year-end", 3 saved actions replayed (state in .preview-state)',
    'Open the activity report "活動報告書_2025年度": http://127.0.0.1:8787/docs/doc-1',
    'Preview running at http://127.0.0.1:8787/',
  ]);
  expect(startMessage({ scenario: 'year-end', replayed: 0, dir: '.preview-state', highlights, port: 8787 })).toEqual([
    '就労支援ネットワーク プレビュー: シナリオ「year-end」の新しい状態で開始しました（.preview-state）',
    '活動報告書「活動報告書_2025年度」を開く: http://127.0.0.1:8787/docs/doc-1',
    'Preview running at http://127.0.0.1:8787/',
  ]);
});
