/** Counts the hostile cases that ran in this test file and prints the tally (one line per file). */
const cases = new Map<string, string[]>();

export function recordCorpusCase(area: string, name: string): void {
  cases.set(area, [...(cases.get(area) ?? []), name]);
}

afterAll(() => {
  const total = [...cases.values()].reduce((n, c) => n + c.length, 0);
  console.log(`hostile corpus: ${total} cases passed (${[...cases].map(([a, c]) => `${a} ${c.length}`).join(', ')})`);
});
