import { describe, expect, it } from 'vitest';
import { abortableSleep, anySignal } from './abort';
import { operationInfo } from './document-info';

describe('anySignal', () => {
  it('aborts with the reason of the first source that aborts', () => {
    const a = new AbortController();
    const b = new AbortController();
    const linked = anySignal([a.signal, undefined, b.signal]);
    expect(linked.signal.aborted).toBe(false);
    b.abort('because b');
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toBe('because b');
  });

  it('is aborted at once when a source already is, and stops listening after dispose', () => {
    expect(anySignal([AbortSignal.abort('early')]).signal.reason).toBe('early');
    const a = new AbortController();
    const linked = anySignal([a.signal]);
    linked.dispose();
    a.abort();
    expect(linked.signal.aborted).toBe(false);
  });
});

describe('abortableSleep', () => {
  it('rejects with the reason when aborted', async () => {
    const controller = new AbortController();
    const pending = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});

describe('operationInfo', () => {
  it('finds the kind and name of the operation, past fragments, comments and strings', () => {
    expect(operationInfo('query Runs($a: Int) { x }')).toEqual({ kind: 'query', name: 'Runs' });
    expect(operationInfo('fragment F on Run { id }\n# mutation Fake\nmutation UpsertBucket { y }')).toEqual({
      kind: 'mutation',
      name: 'UpsertBucket',
    });
    expect(operationInfo('"""query Doc""" mutation { z }')).toEqual({ kind: 'mutation', name: '' });
    expect(operationInfo('{ viewer { id } }')).toEqual({ kind: 'query', name: '' });
  });
});
