import { describe, expect, it } from 'vitest';
import { MalformedResponseError } from '../errors';
import { decodeConfig, decodeJsonObject, encodeConfig } from './decode';

describe('decodeConfig', () => {
  it('unwraps values and keeps _wandb only in rawConfig', () => {
    const { config, rawConfig } = decodeConfig(
      '{"lr":{"value":0.1,"desc":null},"_wandb":{"value":{"t":1}},"wandb_version":1,"plain":3}',
    );
    expect(config).toEqual({ lr: 0.1, plain: 3 });
    expect(rawConfig).toEqual({ lr: 0.1, _wandb: { t: 1 }, wandb_version: 1, plain: 3 });
  });

  it('keeps NaN and infinities', () => {
    const { config } = decodeConfig('{"a":{"value":NaN},"b":{"value":-Infinity}}');
    expect(config['a']).toBeNaN();
    expect(config['b']).toBe(-Infinity);
  });

  it('treats null and empty as {}', () => {
    expect(decodeConfig(null)).toEqual({ config: {}, rawConfig: {} });
    expect(decodeConfig('')).toEqual({ config: {}, rawConfig: {} });
  });
});

describe('decodeJsonObject', () => {
  it('parses summary text with Infinity', () => {
    expect(decodeJsonObject('summaryMetrics', '{"best":Infinity,"n":{"x":1}}')).toEqual({
      best: Infinity,
      n: { x: 1 },
    });
  });
  it('keeps an already decoded object', () => {
    const value = { a: 1 };
    expect(decodeJsonObject('summaryMetrics', value)).toBe(value);
  });
  it('rejects arrays and broken text', () => {
    expect(() => decodeJsonObject('summaryMetrics', '[1]')).toThrow(MalformedResponseError);
    expect(() => decodeJsonObject('summaryMetrics', '{"a":')).toThrow(MalformedResponseError);
  });
});

describe('encodeConfig', () => {
  it('wraps every key with desc null and re-sends _wandb from the raw config', () => {
    expect(encodeConfig({ lr: 0.2 }, { _wandb: { t: 1 }, lr: 0.1 })).toEqual({
      lr: { value: 0.2, desc: null },
      _wandb: { value: { t: 1 }, desc: null },
    });
  });
});
