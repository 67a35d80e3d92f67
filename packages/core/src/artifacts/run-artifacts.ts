import { RunInputArtifactsDocument, RunOutputArtifactsDocument } from '@wbapi/gql';
import type { Session, RequestOptions } from '../session/session';
import { NotFoundError } from '../errors/not-found-error';
import { Pager, pageFromConnection } from '../pagination';
import type { Platform } from '../platform';
import { Artifact } from './artifact';

/** Options of {@link runArtifacts}. */
export interface RunArtifactsOptions extends RequestOptions {
  /** Versions per request. @defaultValue 100 */
  perPage?: number;
}

/**
 * Versions a run logged (`'logged'`, the SDK's `logged_artifacts`) or used (`'used'`), page by
 * page; each is addressed through its own sequence (`coll:vN`). `length()` is the server's count.
 */
export function runArtifacts<P extends Platform>(
  context: Session<P>,
  run: { entity: string; project: string; id: string },
  direction: 'logged' | 'used',
  options: RunArtifactsOptions = {},
): Pager<Artifact<P>> {
  const { perPage = 100, signal, ...call } = options;
  const document = direction === 'logged' ? RunOutputArtifactsDocument : RunInputArtifactsDocument;
  return new Pager(
    async (cursor, pageSignal) => {
      const data = await context.client.request(
        document,
        { entity: run.entity, project: run.project, run: run.id, cursor, perPage },
        { ...call, signal: pageSignal ?? signal },
      );
      if (!data.project?.run) throw new NotFoundError(`Run ${run.entity}/${run.project}/${run.id} not found`);
      const connection = data.project.run.artifacts;
      const page = pageFromConnection(connection, (node) => node, connection?.totalCount);
      // Versions whose sequence has no project (deleted) are skipped, as the SDK does.
      const items = page.items.flatMap((attrs) => {
        const project = attrs.artifactSequence.project;
        if (!project) return [];
        const address = {
          entity: project.entity.name,
          project: project.name,
          collection: attrs.artifactSequence.name,
          alias: `v${attrs.versionIndex ?? 0}`,
          collectionType: 'ArtifactSequence' as const,
        };
        return [new Artifact(context, attrs, address)];
      });
      return { ...page, items };
    },
    signal ? { signal } : {},
  );
}
