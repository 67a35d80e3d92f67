/**
 * A fast YAML writer for JSON-like values (the `config.yaml` of every demo run; the `yaml`
 * package's stringify costs milliseconds per document). Strings that could be misread are
 * written as JSON strings, which YAML reads as double-quoted scalars.
 */

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  const text = String(value);
  const plain = /^[A-Za-z_][\w-]*$/.test(text) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

const isNested = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && Object.keys(value).length > 0;

/** A scalar, or an empty list or mapping in flow style. */
const leaf = (value: unknown): string =>
  Array.isArray(value) ? '[]' : typeof value === 'object' && value !== null ? '{}' : scalar(value);

function lines(value: object, indent: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown) => {
      if (!isNested(item)) return [`${indent}- ${leaf(item)}`];
      const inner = lines(item, `${indent}  `);
      return [`${indent}- ${(inner[0] ?? '').trimStart()}`, ...inner.slice(1)];
    });
  }
  return Object.entries(value).flatMap(([key, v]: [string, unknown]) => {
    if (isNested(v)) return [`${indent}${scalar(key)}:`, ...lines(v, `${indent}  `)];
    return [`${indent}${scalar(key)}: ${leaf(v)}`];
  });
}

/** YAML text of an object. */
export function toYaml(value: object): string {
  return `${lines(value, '').join('\n')}\n`;
}
