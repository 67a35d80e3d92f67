import { describe, expect, it } from 'vitest';
import { skipBytes } from './open-file';

function streamOf(...chunks: number[][]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(Uint8Array.from(chunk));
      controller.close();
    },
  });
}

describe('skipBytes', () => {
  it('drops whole and partial chunks up to the count', async () => {
    const bytes = new Uint8Array(
      await new Response(skipBytes(streamOf([1, 2], [3, 4, 5], [6]), 3)).arrayBuffer(),
    );
    expect([...bytes]).toEqual([4, 5, 6]);
  });
  it('yields nothing when the count passes the end', async () => {
    const bytes = new Uint8Array(await new Response(skipBytes(streamOf([1, 2]), 5)).arrayBuffer());
    expect(bytes.byteLength).toBe(0);
  });
});
