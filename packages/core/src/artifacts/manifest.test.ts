import { describe, expect, it } from 'vitest';
import { MalformedResponseError } from '../errors/malformed-response-error';
import { parseManifest } from './manifest';

// A manifest in W&B's format (`wandb_manifest.json`, storage policy `wandb-storage-policy-v1`), as
// the official SDK writes it (wandb/wandb, `wandb/sdk/artifacts/artifact_manifests/`).
const EXAMPLE = {
  version: 1,
  storagePolicy: 'wandb-storage-policy-v1',
  storagePolicyConfig: { storageLayout: 'V2', storageRegion: 'coreweave-us' },
  contents: {
    'data/train.csv': { digest: 'XUFAKrxLKna5cZ2REBfFkg==', size: 5, birthArtifactID: 'QXJ0aWZhY3Q6MTIz' },
    'remote.bin': {
      digest: '9b2cf535f27731c974343645a3985328',
      ref: 's3://bucket/key',
      size: 1024,
      extra: { etag: '9b2cf535f27731c974343645a3985328', versionID: 'abc' },
      local_path: '/ignored',
    },
  },
};

describe('parseManifest', () => {
  it('reads entries, references, layout and region', () => {
    const m = parseManifest(EXAMPLE);
    expect(m.storageLayout).toBe('V2');
    expect(m.storageRegion).toBe('coreweave-us');
    expect(m.entries.get('data/train.csv')).toEqual({
      path: 'data/train.csv',
      digest: 'XUFAKrxLKna5cZ2REBfFkg==',
      size: 5,
      ref: null,
      birthArtifactId: 'QXJ0aWZhY3Q6MTIz',
      extra: null,
    });
    expect(m.entries.get('remote.bin')?.ref).toBe('s3://bucket/key');
    expect(m.entries.get('remote.bin')?.extra).toEqual({
      etag: '9b2cf535f27731c974343645a3985328',
      versionID: 'abc',
    });
  });

  it('defaults the layout to V1 and the region to default', () => {
    const m = parseManifest({ ...EXAMPLE, storagePolicyConfig: {} });
    expect([m.storageLayout, m.storageRegion]).toEqual(['V1', 'default']);
  });

  it('refuses other versions, policies, missing contents, digests and bad sizes', () => {
    const bad = [
      null,
      { ...EXAMPLE, version: 2 },
      { ...EXAMPLE, storagePolicy: 'other' },
      { ...EXAMPLE, contents: [] },
      { ...EXAMPLE, contents: { a: { size: 1 } } },
      { ...EXAMPLE, contents: { a: { digest: 'x', size: -1 } } },
    ];
    for (const value of bad) expect(() => parseManifest(value)).toThrow(MalformedResponseError);
    expect(() => parseManifest({ ...EXAMPLE, contents: { a: { size: 1 } } })).toThrow(
      'artifact manifest entry "a" has no digest',
    );
  });
});
