/**
 * Which sidebar RPCs this build has. Each feature adds `export function rpcXxx` to main.ts, which the bundle turns
 * into a top-level function, i.e. a property of the global object; listing them lets the sidebar show a section
 * exactly when its functions exist, at every stage of merging features, without a list kept in step by hand.
 */
export function rpcFunctionsPresent(): string[] {
  const g = globalThis as unknown as Record<string, unknown>;
  return Object.keys(g).filter((name) => /^rpc[A-Z]/.test(name) && typeof g[name] === 'function').sort();
}
