import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QueryGenerator } from './query-generator';

// Vectors recorded from the Python client; where they come from: test/fixtures/README.md.
const VECTORS = new URL('../../test/fixtures/query-generator.json', import.meta.url);

interface Case {
  method: string;
  input: unknown;
  output?: unknown;
  error?: string;
  error_type?: string;
  note?: string;
}

const CONSTANTS = [
  'INDIVIDUAL_OP_TO_MONGO',
  'MONGO_TO_INDIVIDUAL_OP',
  'GROUP_OP_TO_MONGO',
  'MONGO_TO_GROUP_OP',
];

function run(method: string, input: unknown): unknown {
  // Inputs come straight from JSON, so the typed signatures are bypassed on purpose.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const arg = input as any;
  const qg = new QueryGenerator();
  switch (method) {
    case 'format_order_key':
      return QueryGenerator.formatOrderKey(arg);
    case 'key_to_server_path':
      return qg.keyToServerPath(arg);
    case 'server_path_to_key':
      return qg.serverPathToKey(arg);
    case 'keys_to_order':
      return qg.keysToOrder(arg);
    case 'order_to_keys':
      return qg.orderToKeys(arg);
    case 'filter_to_mongo':
      return qg.filterToMongo(arg);
    case 'mongo_to_filter':
      return qg.mongoToFilter(arg);
    case 'roundtrip_filter':
      return qg.mongoToFilter(qg.filterToMongo(arg));
    case 'roundtrip_mongo':
      return qg.filterToMongo(qg.mongoToFilter(arg) as never);
    default:
      if (CONSTANTS.includes(method)) return (QueryGenerator as unknown as Record<string, unknown>)[method];
      throw new Error(`vector file has an unknown method ${method}`);
  }
}

const cases = (JSON.parse(readFileSync(VECTORS, 'utf8')) as { cases: Case[] }).cases;

describe('QueryGenerator protocol vectors', () => {
  it('has vectors to check', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c, i) => [`${i} ${c.method} ${JSON.stringify(c.input)}`, c] as const))('%s', (_, c) => {
    if (c.error === undefined) {
      expect(run(c.method, c.input)).toEqual(c.output);
      return;
    }
    const pythonMessage = c.error.slice(c.error.indexOf(': ') + 2);
    if (c.error_type === 'ValueError' || c.error_type === 'Exception') {
      expect(() => run(c.method, c.input)).toThrow(
        new RegExp(`^${pythonMessage.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
      );
    } else {
      // KeyError text is Python-specific; ours names the same missing key.
      expect(() => run(c.method, c.input)).toThrow(pythonMessage);
    }
  });
});
