import { createHash, randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { md5Base64 } from './fixtures/md5';
it("the page tests' MD5 agrees with node:crypto on every padding boundary", () => {
  for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 1000, 100000]) {
    const b = randomBytes(n);
    expect(md5Base64(new Uint8Array(b))).toBe(createHash('md5').update(b).digest('base64'));
  }
});
