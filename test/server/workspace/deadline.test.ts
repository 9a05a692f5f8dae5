/** The execution's time budget (src/server/workspace/deadline.ts) on a test's clock. */
import { BUDGET_MS, expired, startDeadline, timeLeft } from '../../../src/server/workspace/deadline';

afterEach(() => startDeadline(Infinity));

describe('deadline', () => {
  test('4.5 minutes: 1.5 minutes under Google\'s 6-minute limit per execution, for what follows a stopped loop', () => {
    expect(BUDGET_MS).toBe(270_000);
    expect(6 * 60_000 - BUDGET_MS).toBe(90_000);
  });

  test('counts from its start on the clock it is given; a share of the budget expires first', () => {
    let now = 1_000_000;
    startDeadline(10_000, () => now);
    expect(timeLeft()).toBe(10_000);
    expect(expired()).toBe(false);
    now += 4_999;
    expect(expired(0.5)).toBe(false);
    now += 1;
    expect(expired(0.5)).toBe(true);
    expect(expired()).toBe(false);
    now += 5_000;
    expect(timeLeft()).toBe(0);
    expect(expired()).toBe(true);
  });

  test('without a budget (a feature called outside an entry) nothing expires', () => {
    startDeadline(Infinity);
    expect(expired()).toBe(false);
    expect(timeLeft()).toBe(Infinity);
  });
});
