/**
 * What the preview's start says about the saved state (journal.ts, session.ts), in the preview's locale: `--locale en`
 * shows it in English like the add-on itself. Kept as data until shown, so the journal does not need the locale.
 */
export type Notice =
  | { kind: 'brokenHeader'; file: string }
  | { kind: 'migrated'; file: string }
  | { kind: 'scenarioAside'; scenario: string; file: string }
  | { kind: 'skipped'; lines: readonly number[] }
  | { kind: 'notReplayed'; lines: readonly number[] };

/** The preview's language from its locale (Session.getActiveUserLocale's form, 'ja' by default). */
export function isEnglish(locale: string | undefined): boolean {
  return !!locale && !locale.toLowerCase().startsWith('ja');
}

/** 「N 件の操作を再生できませんでした（行 3, 7）」 / "N saved actions could not be replayed (lines 3, 7)". */
export function replayProblem(lines: readonly number[], english = false): string {
  return english
    ? `${lines.length} saved action${lines.length === 1 ? '' : 's'} could not be replayed (line${lines.length === 1 ? '' : 's'} ${lines.join(', ')})`
    : `${lines.length} 件の操作を再生できませんでした（行 ${lines.join(', ')}）`;
}

export function noticeText(n: Notice, english: boolean): string {
  switch (n.kind) {
    case 'brokenHeader':
      return english
        ? `The first line of the saved actions could not be read: the file was kept as ${n.file} and the preview started afresh.`
        : `保存した操作の記録の先頭行が読めなかったため、元のファイルを ${n.file} として残し、初期状態から始めました。`;
    case 'migrated':
      return english
        ? `The saved actions were moved to the new format (with checksums). The old file is kept as ${n.file}.`
        : `保存した操作の記録を新しい形式（チェックサム付き）に移しました。元のファイルは ${n.file} として残しています。`;
    case 'scenarioAside':
      return english
        ? `Starting with scenario "${n.scenario}": the actions saved so far were kept as ${n.file}.`
        : `シナリオ「${n.scenario}」で始めるため、これまでの操作の記録は ${n.file} として残しました。`;
    case 'skipped':
      return english
        ? `${replayProblem(n.lines, true)}: the record was cut short or damaged there, so those were skipped and the rest replayed.`
        : `${replayProblem(n.lines)}。記録が途中で切れているか壊れていたため飛ばし、残りの操作は再生しました。`;
    case 'notReplayed':
      return english
        ? `${replayProblem(n.lines, true)}: today's add-on does not reach the same result for them (npm start -- --reset starts from the beginning).`
        : `${replayProblem(n.lines)}。今のアドオンでは同じ結果にならない操作です（npm start -- --reset で初期状態から始められます）。`;
  }
}

/** The prefix of a notice in the start's log. */
export const noticePrefix = (english: boolean) => (english ? 'Note: ' : '注意: ');
