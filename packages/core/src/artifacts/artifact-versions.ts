import { ProjectArtifactsDocument } from '@wbapi/gql';
import type { Session, RequestOptions } from '../session/session';
import { NotFoundError } from '../errors/not-found-error';
import { Pager, pageFromConnection } from '../pagination';
import type { Platform } from '../platform';
import { Artifact } from './artifact';

/** Options of paginated artifact listings. */
export interface ArtifactListOptions extends RequestOptions {
  /** Items per request. @defaultValue 50 */
  perPage?: number;
}

type Where = { entity: string; project: string };

/** A collection's project and name, found when the first page is fetched. */
export type Located = { where: Where; name: string };

/** Committed versions of a collection, page by page (V1). */
export function versionsCollection<P extends Platform>(
  context: Session<P>,
  locate: () => Promise<Located>,
  type: string,
  options: ArtifactListOptions,
): Pager<Artifact<P>> {
  const { perPage = 50, signal, ...call } = options;
  return new Pager(
    async (cursor, pageSignal) => {
      const { where, name: collection } = await locate();
      const data = await context.client.request(
        ProjectArtifactsDocument,
        {
          ...where,
          type,
          collection,
          cursor,
          perPage,
          order: null,
          filters: JSON.stringify({ state: 'COMMITTED' }),
        },
        { ...call, signal: pageSignal ?? signal },
      );
      const node = data.project?.artifactType?.artifactCollection;
      const connection = node?.artifacts;
      if (!node || !connection) {
        throw new NotFoundError(
          `Could not find artifact collection '${collection}' of type '${type}' in ${where.entity}/${where.project}`,
        );
      }
      const page = pageFromConnection(connection, (edge) => edge, connection.totalCount);
      const items = connection.edges.flatMap((edge) =>
        edge.node
          ? [
              new Artifact(context, edge.node, {
                ...where,
                collection,
                alias: edge.version,
                collectionType: node.__typename,
              }),
            ]
          : [],
      );
      return { ...page, items };
    },
    signal ? { signal } : {},
  );
}

/** Committed versions of a collection, newest first, each named `collection:vN`. */
export function collectionVersions<P extends Platform>(
  context: Session<P>,
  where: Where,
  type: string,
  collection: string,
  options: ArtifactListOptions = {},
): Pager<Artifact<P>> {
  return versionsCollection(context, () => Promise.resolve({ where, name: collection }), type, options);
}
