import { parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';

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
      const document = parse(query);
      const errors = validate(this.schema, document);
      entry = errors.length > 0 ? { errors } : { document };
    } catch (error) {
      entry = { errors: [error as GraphQLError] };
    }
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(query, entry);
    return entry;
  }
}
