/**
 * A feature's block of the message catalogue, in its own file: each key with its Japanese and English sentence side
 * by side (the compiler checks both are there). messages.ts spreads each block into the one catalogue, so `t` and
 * MessageKey see them all.
 */
export function catalog<K extends string>(pairs: Record<K, readonly [ja: string, en: string]>): { ja: Record<K, string>; en: Record<K, string> } {
  const ja = {} as Record<K, string>;
  const en = {} as Record<K, string>;
  for (const key in pairs) [ja[key], en[key]] = pairs[key];
  return { ja, en };
}
