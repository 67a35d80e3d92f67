/** Base64 of a UTF-8 string. */
export function toBase64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** UTF-8 text of a base64 string (invalid input decodes to whatever bytes it holds). */
export function fromBase64(text: string): string {
  return Buffer.from(text, 'base64').toString('utf8');
}

/** GraphQL id of a run, as W&B makes it: base64 of `Run:v1:<name>:<project>:<entity>`. */
export function runGraphqlId(name: string, project: string, entity: string): string {
  return toBase64(`Run:v1:${name}:${project}:${entity}`);
}

/** Parts of a run's GraphQL id, or null when `id` is not one. */
export function parseRunGraphqlId(id: string): { name: string; project: string; entity: string } | null {
  const text = fromBase64(id);
  if (!text.startsWith('Run:v1:')) return null;
  const parts = text.slice('Run:v1:'.length).split(':');
  if (parts.length < 3) return null;
  const entity = parts.pop() as string;
  const project = parts.pop() as string;
  const name = parts.join(':');
  if (!name || !project || !entity) return null;
  return { name, project, entity };
}

/** GraphQL id of any other object: base64 of `<Type>:<n>`. */
export function typedId(type: string, n: number | string): string {
  return toBase64(`${type}:${n}`);
}
