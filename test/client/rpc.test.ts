/** The sidebar's one bridge to the server, against a fake google.script.run that behaves like Google's. */
import { call, messageOf, RpcFailure } from '../../src/client/rpc';

type Handler = (v: unknown) => void;

/** A google.script.run stand-in: records calls and answers asynchronously, as Google does. */
function installRun(answer: (name: string, args: unknown[]) => { value: unknown } | { fail: string }) {
  const calls: { name: string; args: unknown[] }[] = [];
  const make = (ok?: Handler, fail?: Handler): unknown => new Proxy({}, {
    get(_t, prop: string) {
      if (prop === 'withSuccessHandler') return (h: Handler) => make(h, fail);
      if (prop === 'withFailureHandler') return (h: Handler) => make(ok, h);
      return (...args: unknown[]) => {
        calls.push({ name: prop, args });
        const a = answer(prop, args);
        setTimeout(() => ('value' in a ? ok?.(a.value) : fail?.(new Error(a.fail))), 0);
      };
    },
  });
  (globalThis as Record<string, unknown>).google = { script: { get run() { return make(); } } };
  return calls;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).google;
});

describe('call()', () => {
  test('resolves with the value of { ok: true } and passes the arguments through', async () => {
    const calls = installRun(() => ({ value: { ok: true, value: { rows: 3, fixed: 1, problems: [] } } }));
    await expect(call('rpcPreviewCsv', 'QUJD')).resolves.toEqual({ rows: 3, fixed: 1, problems: [] });
    expect(calls).toEqual([{ name: 'rpcPreviewCsv', args: ['QUJD'] }]);
  });

  test('rejects with the server\'s sentence and kind for { ok: false }', async () => {
    installRun(() => ({ value: { ok: false, error: { message: '他の人が編集中です。少し待ってからもう一度押してください。', kind: 'busy' } } }));
    const error = await call('rpcCheckRegistry').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcFailure);
    expect((error as RpcFailure).kind).toBe('busy');
    expect(messageOf(error)).toBe('他の人が編集中です。少し待ってからもう一度押してください。');
  });

  test('a failure of google.script.run itself, or a null result (a Date crossed the wire), rejects in plain words', async () => {
    installRun(() => ({ fail: 'NetworkError: Connection failure due to HTTP 0' }));
    await expect(call('rpcInit')).rejects.toThrow(/サーバーとの通信に失敗しました。.*NetworkError/);
    installRun(() => ({ value: null }));
    await expect(call('rpcInit')).rejects.toThrow(/サーバーとの通信に失敗しました/);
  });

  test('an execution Google stopped at its time limit says so, that nothing is lost, and to run it again — not to check the network', async () => {
    installRun(() => ({ fail: 'Exceeded maximum execution time' }));
    const error = await call('rpcRunRetention').catch((e: unknown) => e);
    expect(messageOf(error)).toBe('Google の1回の実行時間の上限（6分）に達して中断しました。ここまでの変更は保存されています。同じ操作をもう一度実行すると、済んだ分は繰り返さずに続きを進めます。');
    expect(messageOf(error)).not.toMatch(/ネットワーク/);
  });

  test('without google.script.run (page opened outside Sheets) it rejects instead of throwing', async () => {
    await expect(call('rpcInit')).rejects.toBeInstanceOf(RpcFailure);
  });
});
