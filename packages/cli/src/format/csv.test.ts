import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, toCsv } from './csv';

describe('csvField', () => {
  it('leaves plain values bare', () => {
    expect(csvField('loss')).toBe('loss');
    expect(csvField(0.25)).toBe('0.25');
    expect(csvField(true)).toBe('true');
  });

  it('quotes commas, quotes, newlines and edge spaces, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField(' lead')).toBe('" lead"');
    expect(csvField('trail ')).toBe('"trail "');
    expect(csvField('in side')).toBe('in side');
  });

  it('writes NaN and infinities by name, null and undefined as empty', () => {
    expect([NaN, Infinity, -Infinity, null, undefined].map(csvField)).toEqual([
      'NaN',
      'Infinity',
      '-Infinity',
      '',
      '',
    ]);
  });

  it('writes objects as W&B JSON, quoted', () => {
    expect(csvField({ a: [1, NaN] })).toBe('"{""a"":[1,NaN]}"');
  });
});

describe('toCsv', () => {
  it('uses the union of the rows’ keys as the header, in first-seen order, CRLF line ends', () => {
    const text = toCsv([
      { _step: 0, a: 1 },
      { _step: 1, 'b,c': 'x' },
    ]);
    expect(text).toBe('_step,a,"b,c"\r\n0,1,\r\n1,,x\r\n');
  });

  it('flattens nested objects at every level into dotted columns; arrays stay JSON', () => {
    const text = toCsv([{ _step: 0, optimizer: { name: 'adam', betas: [0.9, 0.99], sched: { warmup: 5 } } }]);
    expect(text).toBe(
      '_step,optimizer.name,optimizer.betas,optimizer.sched.warmup\r\n0,adam,"[0.9,0.99]",5\r\n',
    );
  });

  it('csvRecord ends every record in CRLF', () => {
    expect(csvRecord(['a', 'b'])).toBe('a,b\r\n');
  });
});
