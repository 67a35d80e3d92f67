import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error';
import { redactText, redactValue, scrubError, secretForms } from './redaction';

const KEY = '0123456789abcdef0123456789abcdefdeadbeef';
const SECRETS = secretForms(KEY);
const BASIC = btoa(`api:${KEY}`);

describe('redactText', () => {
  it('removes the key, its Basic form and the base64 of the key alone', () => {
    expect(redactText(`key ${KEY} auth Basic ${BASIC} raw ${btoa(KEY)}`, SECRETS)).toBe(
      'key *** auth Basic *** raw ***',
    );
  });

  it('removes a key cut at the end of a text or split in two parts', () => {
    expect(redactText(`cut ${KEY.slice(0, 15)}`, SECRETS)).toBe('cut ***');
    expect(redactText(`${KEY.slice(0, 20)}; ${KEY.slice(20)}`, SECRETS)).toBe('***; ***');
  });

  it('leaves text without the key as it is (short common runs are not fragments)', () => {
    expect(redactText('run 0123 finished', SECRETS)).toBe('run 0123 finished');
    expect(redactText('anything', [])).toBe('anything');
  });
});

describe('scrubError', () => {
  it('redacts message, stack, properties and the cause chain in place', () => {
    const cause = new Error(`socket said ${KEY}`);
    const error = new HttpError(`HTTP 500: ${KEY}`, { status: 500, bodyText: `body ${KEY}`, cause });
    expect(scrubError(error, SECRETS)).toBe(error);
    expect(error.message).toBe('HTTP 500: ***');
    expect(error.bodyText).toBe('body ***');
    expect(error.stack).not.toContain(KEY);
    expect(cause.message).toBe('socket said ***');
    expect(JSON.stringify(error)).not.toContain(KEY.slice(0, 8));
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: 'HttpError',
      message: 'HTTP 500: ***',
      status: 500,
      cause: { name: 'Error', message: 'socket said ***' },
    });
  });

  it('redacts nested values and keys of plain objects', () => {
    expect(redactValue({ [KEY]: [{ a: `x${KEY}` }] }, SECRETS)).toEqual({ '***': [{ a: 'x***' }] });
  });
});
