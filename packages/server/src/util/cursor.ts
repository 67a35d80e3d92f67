import { fromBase64, toBase64 } from './ids';
import { UserInputError } from './user-input-error';

/** Opaque cursor for id-ordered connections (projects, files, sweeps, views). */
export function idCursor(kind: string, id: number): string {
  return toBase64(`${kind}:${id}`);
}

/** The id inside a cursor made by {@link idCursor}; 0 for a null cursor. */
export function parseIdCursor(kind: string, cursor: string | null | undefined): number {
  if (cursor === null || cursor === undefined || cursor === '') return 0;
  const text = fromBase64(cursor);
  const prefix = `${kind}:`;
  const n = text.startsWith(prefix) ? Number(text.slice(prefix.length)) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw new UserInputError(`Invalid cursor for ${kind}: ${cursor}`);
  return n;
}
