/**
 * The one bridge to the server: a Promise around google.script.run, typed from the server's own exports
 * (`typeof import('../server/main')`), so that a renamed or re-shaped RPC fails the type-check here
 * (test/project/contract.test.ts proves it). Each RPC returns an RpcResult; a `{ ok: false }` result, or a failure of
 * google.script.run itself (network, authorisation, quota), rejects with an RpcFailure carrying a plain sentence.
 */
import type { RpcError, RpcResult } from '../protocol';
import type * as Server from '../server/main';

type Main = typeof Server;
/** The sidebar's RPCs: the server's `export function rpc…`. */
export type RpcName = { [K in keyof Main]: K extends `rpc${string}` ? K : never }[keyof Main];

/**
 * What google.script.run delivers for a value of type T: a Date becomes null, functions are dropped
 * (https://developers.google.com/apps-script/guides/html/communication, "Legal parameters and return values").
 */
export type Jsonify<T> = T extends Date ? null
  : T extends (...args: never[]) => unknown ? never
  : T extends readonly (infer U)[] ? Jsonify<U>[]
  : T extends object ? { [K in keyof T]: Jsonify<T[K]> }
  : T;

/** `true` somewhere in the union when a Date is anywhere inside T. */
type HasDate<T> = T extends Date ? true
  : T extends readonly (infer U)[] ? HasDate<U>
  : T extends object ? { [K in keyof T]-?: HasDate<T[K]> }[keyof T]
  : false;
/** RPCs whose arguments or result hold a Date (google.script.run refuses a Date argument and nulls a Date result). */
type RpcsWithDates = { [K in RpcName]: true extends HasDate<Parameters<Main[K]>> | HasDate<ReturnType<Main[K]>> ? K : never }[RpcName];
/** Fails the type-check, naming the RPC, when a Date could cross the wire: send ISO strings instead. */
export const NO_DATE_CROSSES_THE_WIRE: [RpcsWithDates] extends [never] ? true : { dateCrossesTheWireIn: RpcsWithDates } = true;

/** The sidebar's view of the server: each RPC's parameters, and its result as it arrives. */
export type ServerApi = { [K in RpcName]: (...args: Parameters<Main[K]>) => Jsonify<ReturnType<Main[K]>> };

/** The value of a successful RpcResult (non-distributive, so the failure branch does not widen it to unknown). */
export type Unwrap<R> = [R] extends [RpcResult<infer T>] ? T : never;
export type RpcValue<K extends RpcName> = Unwrap<ReturnType<ServerApi[K]>>;

interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: Error | string) => void): ScriptRun;
  [functionName: string]: unknown;
}

/** Google defines `google.script.run` on the sidebar's global object (the preview's shim does the same). */
function scriptRun(): ScriptRun | undefined {
  return (globalThis as { google?: { script?: { run?: ScriptRun } } }).google?.script?.run;
}

export class RpcFailure extends Error {
  constructor(message: string, readonly kind: RpcError['kind']) {
    super(message);
    this.name = 'RpcFailure';
  }
}

/** Set once from rpcInit so that transport failures are worded in the user's language. */
let transportMessage = 'サーバーとの通信に失敗しました。ネットワークを確認して、もう一度お試しください。';
export function setTransportMessage(message: string): void {
  transportMessage = message;
}

/**
 * Google stops an execution at its runtime limit (6 minutes: https://developers.google.com/apps-script/guides/services/quotas
 * "Script runtime") and google.script.run's failure handler then gets "Exceeded maximum execution time" (the wording
 * server code also recognises, workspace/errors.ts). Nothing was lost — every operation is safe to run again (the fault
 * matrix stops each at every call and re-runs it) — so the sentence says to run it again, not to check the network.
 */
const TIME_LIMIT = /Exceeded maximum execution time/i;
let timeLimitMessage = 'Google の1回の実行時間の上限（6分）に達して中断しました。ここまでの変更は保存されています。同じ操作をもう一度実行すると、済んだ分は繰り返さずに続きを進めます。';
export function setTimeLimitMessage(message: string): void {
  timeLimitMessage = message;
}

export function call<K extends RpcName>(name: K, ...args: Parameters<ServerApi[K]>): Promise<RpcValue<K>> {
  return new Promise((resolve, reject) => {
    const run = scriptRun();
    if (!run) {
      reject(new RpcFailure(transportMessage, 'service'));
      return;
    }
    const runner = run
      .withSuccessHandler((raw) => {
        const result = raw as RpcResult<RpcValue<K>> | null | undefined;
        if (result && typeof result === 'object' && 'ok' in result) {
          if (result.ok) resolve(result.value);
          else reject(new RpcFailure(result.error.message, result.error.kind));
        } else {
          reject(new RpcFailure(transportMessage, 'unexpected'));
        }
      })
      .withFailureHandler((error) => {
        const detail = typeof error === 'string' ? error : error?.message;
        if (detail && TIME_LIMIT.test(detail)) reject(new RpcFailure(timeLimitMessage, 'service'));
        else reject(new RpcFailure(detail ? `${transportMessage} (${detail})` : transportMessage, 'service'));
      });
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(new RpcFailure(transportMessage, 'unexpected'));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(runner, args);
  });
}

/** The message to show for any rejection (RpcFailure or something unexpected in the page itself). */
export function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return transportMessage;
}
