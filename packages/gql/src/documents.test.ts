import { describe, expect, it } from 'vitest';
import * as gql from './index';

const documents = Object.entries(gql).filter(([name]) => name.endsWith('Document'));

describe('generated documents at run time', () => {
  it('exports one document per operation', () => {
    expect(documents.length).toBeGreaterThanOrEqual(20);
  });

  it.each(documents)('%s is a plain string naming its operation', (name, doc) => {
    expect(typeof doc).toBe('string');
    const operation = name.slice(0, -'Document'.length);
    expect(doc as string).toMatch(new RegExp(`^\\s*(query|mutation) ${operation}\\b`));
    // serialises as a plain JSON string in a request body
    expect(JSON.parse(JSON.stringify({ query: doc })).query).toBe(doc);
  });

  it('appends every fragment a document spreads, once', () => {
    const runs = gql.RunsDocument as string;
    expect(runs).toContain('...RunFields');
    expect(runs.match(/fragment RunFields on Run/g)).toHaveLength(1);
  });
});
