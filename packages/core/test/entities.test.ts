import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../src';
import { API_KEY } from './helpers/dataset';
import { useTestServer } from './helpers/lifecycle';
import { testApi } from './helpers/server';

const testServer = useTestServer();

describe('api.entity / api.team', () => {
  it("answers the viewer's own entity with its user as admin, API key included", async () => {
    const entity = await testApi(testServer()).entity('acme');
    expect(entity).toMatchObject({ name: 'acme', isTeam: false, available: false, defaultAccess: 'PRIVATE' });
    expect(entity?.storageBytes).toBeGreaterThan(0); // acme/files has files
    expect(entity?.members).toEqual([
      {
        id: expect.any(String),
        username: 'ada',
        name: 'Ada Lovelace',
        email: 'ada@example.test',
        photoUrl: null,
        admin: true,
        pending: false,
        accountType: 'USER',
        apiKey: API_KEY,
      },
    ]);
  });

  it('answers a team with its members, without keys for a viewer who is not its admin', async () => {
    testServer().store.addUser({
      username: 'grace',
      name: 'Grace Hopper',
      email: 'grace@example.test',
      apiKey: 'grace-'.padEnd(44, 'g'),
      entity: 'grace',
      teams: ['lab'],
    });
    const team = await testApi(testServer()).team('lab');
    expect(team.isTeam).toBe(true);
    expect(team.members).toEqual([
      expect.objectContaining({ username: 'grace', admin: false, apiKey: null }),
    ]);
  });

  it('answers null from entity() and NotFoundError from team() for an unknown name', async () => {
    const api = testApi(testServer());
    expect(await api.entity('nobody')).toBeNull();
    await expect(api.team('nobody')).rejects.toThrow(new NotFoundError('Could not find team nobody'));
  });

  it("lists the viewer's own entity among its teams", async () => {
    expect((await testApi(testServer()).viewer())?.teams).toEqual(['acme']);
  });
});
