// runSafe: cancellation answers RequestCancelled, a throwing handler is logged with its stack and answers empty.
import { strict as assert } from 'node:assert';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { createRunner } from '../../../server/src/lsp/runSafe';

describe('runSafe', () => {
  const setup = () => {
    const logged: string[] = [];
    const failures: string[] = [];
    const runner = createRunner((m) => logged.push(m), (what) => failures.push(what));
    return { logged, failures, runner };
  };

  it('returns the handler result, sync or async', async () => {
    const { runner } = setup();
    const token = new CancellationTokenSource().token;
    assert.deepEqual(await runner.request('sync', token, [], () => [1]), [1]);
    assert.deepEqual(await runner.request('async', token, [], async () => [2]), [2]);
  });

  it('logs a throwing handler with its stack, reports it and answers empty', async () => {
    const { runner, logged, failures } = setup();
    const token = new CancellationTokenSource().token;
    const result = await runner.request('documentSymbol', token, [] as number[], () => {
      throw new TypeError('boom');
    });
    assert.deepEqual(result, []);
    assert.equal(logged.length, 1);
    assert.match(logged[0], /^documentSymbol failed: TypeError: boom\n\s+at /);
    assert.deepEqual(failures, ['documentSymbol']);
  });

  it('answers RequestCancelled without running a handler cancelled before it starts', async () => {
    const { runner } = setup();
    const source = new CancellationTokenSource();
    let ran = false;
    const pending = runner.request('foldingRange', source.token, [], () => { ran = true; return [1]; });
    source.cancel();
    const result = await pending;
    assert.ok(result instanceof ResponseError);
    assert.equal(result.code, LSPErrorCodes.RequestCancelled);
    assert.equal(ran, false);
  });

  it('answers RequestCancelled when cancelled while the handler runs', async () => {
    const { runner } = setup();
    const source = new CancellationTokenSource();
    const result = await runner.request('slow', source.token, [], async () => {
      source.cancel();
      return [1];
    });
    assert.ok(result instanceof ResponseError);
  });

  it('swallows and logs a failing notification handler', () => {
    const { runner, logged } = setup();
    runner.notification('didChange', () => { throw new Error('bad document'); });
    assert.match(logged[0], /^didChange failed: Error: bad document/);
  });
});
