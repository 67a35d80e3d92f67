// Post-processes the typed-document-node output (documentMode 'string') so that every
// document is a plain string constant carrying its result and variables types, and the
// file needs no runtime class and no import from packages that peer-depend on graphql.
import { readFileSync, writeFileSync } from 'node:fs';
import { stripIgnoredCharacters } from 'graphql';

const files = process.argv.slice(2);
if (files.length === 0) throw new Error('plain-string-documents: no file given');

for (const file of files) {
  let text = readFileSync(file, 'utf8');
  const importLine =
    /^import type \{ DocumentTypeDecoration \} from '@graphql-typed-document-node\/core';\n/m;
  const classBlock = /export class TypedDocumentString<TResult, TVariables>[\s\S]*?\n\}\n/;
  if (!importLine.test(text) || !classBlock.test(text)) {
    throw new Error(`plain-string-documents: ${file} does not look like typed-document-node string output`);
  }
  text = text.replace(importLine, '');
  text = text.replace(
    classBlock,
    [
      '/**',
      ' * A GraphQL document as a plain string that also carries, as phantom types, the shape of',
      ' * its result and of its variables (compatible with DocumentTypeDecoration from',
      ' * `@graphql-typed-document-node/core`).',
      ' */',
      'export type TypedDocumentString<TResult, TVariables> = string & {',
      '  readonly __apiType?: (variables: TVariables) => TResult;',
      '};',
      '',
    ].join('\n'),
  );
  // new TypedDocumentString(`...`) as unknown as TypedDocumentString<R, V>
  //   -> "..." as TypedDocumentString<R, V>
  // The document's insignificant whitespace is stripped: these strings ship in every browser
  // bundle and go over the wire with every request.
  text = text.replace(
    /new TypedDocumentString\(`([\s\S]*?)`(?:, \{[^}]*\})?\) as unknown as /g,
    (_match, documentText) => `${JSON.stringify(stripIgnoredCharacters(documentText))} as `,
  );
  if (text.includes('new TypedDocumentString(')) {
    throw new Error(`plain-string-documents: ${file} has a document this script cannot rewrite`);
  }
  writeFileSync(file, text);
}
