import { RunParquetHistoryDocument } from '@wbapi/gql';
import type { ClientLike, RequestOptions } from '../../session/session';
import { GraphQLError } from '../../errors/graphql-error';
import { HttpError } from '../../errors/http-error';
import { NotFoundError } from '../../errors/not-found-error';
import type { RunRef } from '../../paths/refs';
import { describeRun } from '../../runs/run-attrs';
import { ParquetHistoryUnsupportedError } from './parquet-history-unsupported-error';

/** What `Run.parquetHistory` answered. */
export interface ParquetHistoryAnswer {
  /** Signed URLs of the export files, in the order the server listed them. */
  parquetUrls: string[];
  /** One object per row not exported yet, holding its live keys (`_step` at least). */
  liveData: Record<string, unknown>[];
}

/**
 * Remembers that a server lacks `Run.parquetHistory`, so that it is asked only once per `Api`.
 * @defaultValue `{ unsupported: false }`
 */
export interface ParquetSupportMemo {
  /** True once the server answered that it has no such field. */
  unsupported: boolean;
}

/** Messages of a server without the field (W&B's wording of unknown fields, graphql-js's too). */
const UNSUPPORTED = /Cannot query field "(parquetHistory|parquetUrls|liveData)"|Unknown argument "liveKeys"/;

function isUnsupported(error: unknown): boolean {
  if (error instanceof GraphQLError) return error.errors.some((e) => UNSUPPORTED.test(String(e.message)));
  if (error instanceof HttpError) return UNSUPPORTED.test(error.bodyText) || UNSUPPORTED.test(error.message);
  return false;
}

/**
 * Asks `RunParquetHistory` (wandb-core's document and variables). A server without the field
 * answers a validation error: that is remembered in `memo` and raised as
 * {@link ParquetHistoryUnsupportedError} (also, without a request, on later calls). Other errors
 * (auth, network, 5xx) pass through unchanged.
 *
 * @throws NotFoundError when the project or the run does not exist.
 */
export async function fetchParquetHistory(
  client: Pick<ClientLike, 'request'>,
  run: RunRef,
  liveKeys: readonly string[],
  memo: ParquetSupportMemo,
  call: RequestOptions = {},
): Promise<ParquetHistoryAnswer> {
  if (memo.unsupported) throw new ParquetHistoryUnsupportedError('The server has no Parquet history exports');
  let result;
  try {
    const variables = { entity: run.entity, project: run.project, runName: run.id, liveKeys: [...liveKeys] };
    result = await client.request(RunParquetHistoryDocument, variables, { cache: false, ...call });
  } catch (error) {
    if (!isUnsupported(error)) throw error;
    memo.unsupported = true;
    throw new ParquetHistoryUnsupportedError('The server has no Parquet history exports', { cause: error });
  }
  const history = result.project?.run?.parquetHistory;
  if (!history) {
    throw new NotFoundError(
      `Could not find run ${describeRun(run.entity, run.project, run.id, 'not found')}`,
    );
  }
  const liveData = (history.liveData ?? []).filter(
    (row: unknown): row is Record<string, unknown> =>
      row !== null && typeof row === 'object' && !Array.isArray(row),
  );
  return { parquetUrls: [...(history.parquetUrls ?? [])], liveData };
}
