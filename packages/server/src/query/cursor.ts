import { FilterError } from './filter-error';

/** The position of a row in a sorted listing: sort signature, keys, created_at, id. */
export interface CursorPosition {
  /** Order signature the cursor was made for. */
  readonly order: string;
  /** Sort key values of the row (numbers, strings or null). */
  readonly keys: readonly (number | string | null)[];
  /** The row's created_at. */
  readonly createdAt: string;
  /** The row's id. */
  readonly id: number;
}

type Encoded = number | string | null | { n: string };

function encodeKey(value: number | string | null): Encoded {
  return typeof value === 'number' && !Number.isFinite(value) ? { n: String(value) } : value;
}

function decodeKey(value: unknown): number | string | null {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  const n = typeof value === 'object' && 'n' in value ? (value as { n: unknown }).n : undefined;
  if (n === 'Infinity' || n === '-Infinity' || n === 'NaN') return Number(n);
  throw new FilterError('Invalid cursor');
}

/** Opaque cursor text (base64url JSON) for a position. */
export function encodeCursor(position: CursorPosition): string {
  const body = {
    o: position.order,
    k: position.keys.map(encodeKey),
    c: position.createdAt,
    i: position.id,
  };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/**
 * Reads a cursor made by {@link encodeCursor} for the order `order` with `keyCount` sort keys.
 * @throws FilterError when the cursor is malformed or was made for another order.
 */
export function decodeCursor(cursor: string, order: string, keyCount: number): CursorPosition {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new FilterError('Invalid cursor');
  }
  if (typeof body !== 'object' || body === null) throw new FilterError('Invalid cursor');
  const { o, k, c, i } = body as Record<string, unknown>;
  if (typeof o === 'string' && o !== order)
    throw new FilterError(`The cursor was made for another order than "${order}"`);
  if (
    typeof o !== 'string' ||
    !Array.isArray(k) ||
    k.length !== keyCount ||
    typeof c !== 'string' ||
    typeof i !== 'number' ||
    !Number.isSafeInteger(i)
  ) {
    throw new FilterError('Invalid cursor');
  }
  return { order: o, keys: k.map(decodeKey), createdAt: c, id: i };
}
