/**
 * A fragment of SQL text with its positional parameters, kept together so that fragments can be
 * nested in any order without the `?` placeholders and the values drifting apart.
 */
export interface Sql {
  /** SQL text with `?` placeholders. */
  readonly text: string;
  /** Values of the placeholders, in order. */
  readonly params: readonly unknown[];
}

/** Marks a value that is spliced as a fragment, not bound as a parameter. */
function isSql(value: unknown): value is Sql {
  return typeof value === 'object' && value !== null && 'text' in value && 'params' in value;
}

/**
 * Tagged template: interpolated {@link Sql} fragments are spliced, every other value becomes a
 * bound parameter. User input therefore never reaches the SQL text.
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  let text = strings[0] ?? '';
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (isSql(value)) {
      text += value.text;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1] ?? '';
  });
  return { text, params };
}

/** Trusted SQL text without parameters (only ever called with literals from this package). */
export function raw(text: string): Sql {
  return { text, params: [] };
}

/** Joins fragments with a separator. */
export function join(parts: readonly Sql[], separator: string): Sql {
  return {
    text: parts.map((p) => p.text).join(separator),
    params: parts.flatMap((p) => p.params),
  };
}

/** SQL true and false as fragments. */
export const TRUE: Sql = raw('1');
/** SQL false. */
export const FALSE: Sql = raw('0');

/** Conjunction; the empty conjunction is true. */
export function and(parts: readonly Sql[]): Sql {
  if (parts.some((p) => p === FALSE)) return FALSE;
  const kept = parts.filter((p) => p !== TRUE);
  if (kept.length === 0) return TRUE;
  if (kept.length === 1) return kept[0] as Sql;
  return sql`(${join(kept, ' AND ')})`;
}

/** Disjunction; the empty disjunction is false. */
export function or(parts: readonly Sql[]): Sql {
  if (parts.some((p) => p === TRUE)) return TRUE;
  const kept = parts.filter((p) => p !== FALSE);
  if (kept.length === 0) return FALSE;
  if (kept.length === 1) return kept[0] as Sql;
  return sql`(${join(kept, ' OR ')})`;
}

/** Negation (operands are always two-valued, so NOT never meets NULL). */
export function not(part: Sql): Sql {
  if (part === TRUE) return FALSE;
  if (part === FALSE) return TRUE;
  return sql`NOT (${part})`;
}
