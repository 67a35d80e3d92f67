// Bundled with `esbuild --minify` by errors-minified.test.ts: throws each error class and reports
// what a user would see. The class names are written out as strings, which minifiers keep.
import {
  AuthenticationError,
  BadInputError,
  ChecksumMismatchError,
  FileExistsError,
  GraphQLError,
  HttpError,
  MalformedResponseError,
  NetworkError,
  ExportUrlError,
  NotFoundError,
  NotLoadedError,
  PaginationError,
  ParquetHistoryFormatError,
  ParquetHistoryUnsupportedError,
  RateLimitError,
  TimeoutError,
  UnsafePathError,
  WandbError,
} from '../../src/index';

const make: Array<[string, () => WandbError, new (...args: never[]) => WandbError]> = [
  ['WandbError', () => new WandbError('m'), WandbError],
  ['HttpError', () => new HttpError('m', { status: 500 }), HttpError],
  ['AuthenticationError', () => new AuthenticationError('m'), AuthenticationError],
  ['NotFoundError', () => new NotFoundError('m'), NotFoundError],
  ['RateLimitError', () => new RateLimitError('m'), RateLimitError],
  ['GraphQLError', () => new GraphQLError('m', { errors: [], status: 200 }), GraphQLError],
  ['TimeoutError', () => new TimeoutError('m', { timeoutMs: 1 }), TimeoutError],
  ['NetworkError', () => new NetworkError('m'), NetworkError],
  ['BadInputError', () => new BadInputError('m'), BadInputError],
  ['PaginationError', () => new PaginationError('m'), PaginationError],
  ['MalformedResponseError', () => new MalformedResponseError('m', { status: 200 }), MalformedResponseError],
  ['FileExistsError', () => new FileExistsError('m', { path: 'p' }), FileExistsError],
  ['UnsafePathError', () => new UnsafePathError('m', { path: 'p' }), UnsafePathError],
  [
    'ChecksumMismatchError',
    () => new ChecksumMismatchError('m', { expected: 'a', actual: 'b' }),
    ChecksumMismatchError,
  ],
  ['NotLoadedError', () => new NotLoadedError('m', { field: 'config' }), NotLoadedError],
  [
    'ParquetHistoryUnsupportedError',
    () => new ParquetHistoryUnsupportedError('m'),
    ParquetHistoryUnsupportedError,
  ],
  ['ParquetHistoryFormatError', () => new ParquetHistoryFormatError('m'), ParquetHistoryFormatError],
  ['ExportUrlError', () => new ExportUrlError('m', { status: 403 }), ExportUrlError],
];

/** For each class: its expected name, and what a thrown instance shows. */
export function throwEach(): Array<{
  expected: string;
  name: string;
  string: string;
  isOwnClass: boolean;
  isWandbError: boolean;
  isError: boolean;
  className: string;
}> {
  return make.map(([expected, build, own]) => {
    try {
      throw build();
    } catch (error) {
      return {
        expected,
        name: (error as Error).name,
        string: String(error),
        isOwnClass: error instanceof own,
        isWandbError: error instanceof WandbError,
        isError: error instanceof Error,
        className: own.name,
      };
    }
  });
}
