import { describe, expectTypeOf, it } from 'vitest';
import type { FileSource, Platform } from '../platform';
import type { Artifact } from '../artifacts/artifact';
import type { File } from '../files/file';
import type { HistoryColumns, HistoryRow } from '../history/history';
import type { Run } from '../runs/run';
import { Api } from './api';

type DiskPlatform = Platform<{ root?: string; replace?: boolean }, string>;

describe('platform generics', () => {
  it('carries the platform download types down to files', () => {
    const platform: DiskPlatform = {
      name: 'disk',
      download: (source: FileSource) => Promise.resolve(source.name),
    };
    const api = new Api({ platform });
    expectTypeOf(api.run('e/p/r')).resolves.toEqualTypeOf<Run<DiskPlatform>>();
    expectTypeOf<File<DiskPlatform>['download']>().parameters.toEqualTypeOf<
      [options?: { root?: string; replace?: boolean }]
    >();
    expectTypeOf<File<DiskPlatform>['download']>().returns.resolves.toEqualTypeOf<string>();
  });

  it('types artifact.download() by the platform: its options and result, or no call without one', () => {
    type FolderPlatform = DiskPlatform & {
      downloadArtifact(artifact: Artifact, options: { root?: string }): Promise<string>;
    };
    const api = new Api({ platform: {} as FolderPlatform });
    expectTypeOf(api.artifact('e/p/a:v0')).resolves.toEqualTypeOf<Artifact<FolderPlatform>>();
    expectTypeOf<Artifact<FolderPlatform>['download']>().parameters.toEqualTypeOf<
      [options?: { root?: string }]
    >();
    expectTypeOf<Artifact<FolderPlatform>['download']>().returns.resolves.toEqualTypeOf<string>();
    expectTypeOf<Artifact<DiskPlatform>['download']>().parameters.toEqualTypeOf<[options: never]>();
  });

  it('types history by format', () => {
    const run = {} as Run;
    expectTypeOf(run.history()).resolves.toEqualTypeOf<HistoryRow[]>();
    expectTypeOf(run.history({ format: 'columns' })).resolves.toEqualTypeOf<HistoryColumns>();
  });
});
