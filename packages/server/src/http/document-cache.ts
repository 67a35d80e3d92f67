import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';

/**
 * Most tokens (names, punctuation, values) one GraphQL document may hold: parsing and validating
 * cost time in proportion, before any budget applies, so a document of thousands of aliased
 * fields could hold the server for seconds. The largest document the clients send has a few
 * hundred.
 */
export const MAX_QUERY_TOKENS = 5_000;

/** A parsed and validated document, or the errors that stopped it. */
export type CachedDocument =
  { document: DocumentNode; errors?: undefined } | { errors: readonly GraphQLError[] };

/**
 * Parses and validates query texts once: clients send the same few documents over and over,
 * so later requests skip straight to execution. Bounded; the oldest entry goes first.
 */
export class DocumentCache {
  private readonly entries = new Map<string, CachedDocument>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limit = 500,
  ) {}

  /** The document for `query`, parsed and validated against the schema. */
  get(query: string): CachedDocument {
    const hit = this.entries.get(query);
    if (hit) return hit;
    let entry: CachedDocument;
    try {
      const document = parse(query, { maxTokens: MAX_QUERY_TOKENS });
      const errors = validate(this.schema, document);
      entry = errors.length > 0 ? { errors } : { document };
    } catch (error) {
      const tooLong = /contains more th\w+ \d+ tokens/.test((error as Error).message);
      entry = {
        errors: [
          tooLong
            ? new GraphQLError(`The query has more than ${MAX_QUERY_TOKENS} tokens (MAX_QUERY_TOKENS)`)
            : (error as GraphQLError),
        ],
      };
    }
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(query, entry);
    return entry;
  }
}
