/**
 * A feature's block of the message catalogue, in its own file: Japanese first, English with exactly the same keys
 * (the compiler checks it). messages.ts spreads each block into the one catalogue, so `t` and MessageKey see them all.
 */
export function catalog<K extends string>(ja: Record<K, string>, en: Record<K, string>): { ja: Record<K, string>; en: Record<K, string> } {
  return { ja, en };
}
