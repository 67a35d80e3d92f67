import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/index';
import { gql, KEY, OTHER_KEY, startTestServer } from './helpers';

// Documents as the official SDK sends them (wandb/wandb, `wandb/apis/public/teams.py` and
// `wandb/apis/public/api.py`, https://github.com/wandb/wandb).
const GET_TEAM_ENTITY = `query GetTeamEntity($name: String!) {
  entity(name: $name) {
    id name available photoUrl readOnly readOnlyAdmin isTeam privateOnly storageBytes
    codeSavingEnabled defaultAccess isPaid
    members { id admin pending email username name photoUrl accountType apiKey }
  }
}`;
const CREATE_TEAM = `mutation CreateTeam($teamName: String!, $teamAdminUserName: String) {
  result: createTeam(input: {teamName: $teamName, teamAdminUserName: $teamAdminUserName}) {
    entity { id name available photoUrl limits }
  }
}`;
const TEAMS = '{ viewer { teams { edges { node { name } } } } }';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer({ apiKeys: [KEY, OTHER_KEY] });
});
afterAll(() => server.close());

function teamNames(body: { data: { viewer: { teams: { edges: { node: { name: string } }[] } } } }) {
  return body.data.viewer.teams.edges.map((edge) => edge.node.name);
}

describe('viewer.teams', () => {
  it("lists the viewer's own entity first, then the teams", async () => {
    expect(teamNames((await gql(server, TEAMS)).body)).toEqual(['e', 'team1']);
    expect(teamNames((await gql(server, TEAMS, {}, { key: OTHER_KEY })).body)).toEqual(['bob']);
  });
});

describe('entity(name:)', () => {
  it("answers a user's own entity with its user as admin member, API key included for that user", async () => {
    const res = await gql(server, GET_TEAM_ENTITY, { name: 'e' });
    expect(res.status).toBe(200);
    const entity = res.body.data.entity;
    expect(Buffer.from(entity.id, 'base64').toString()).toMatch(/^Entity:\d+$/);
    expect(entity).toMatchObject({
      name: 'e',
      available: false,
      readOnly: false,
      readOnlyAdmin: false,
      isTeam: false,
      privateOnly: false,
      storageBytes: 'hello world\n'.length + '{"a":1}'.length, // the two files of run00000
      codeSavingEnabled: false,
      defaultAccess: 'PRIVATE',
      isPaid: false,
    });
    expect(entity.members).toEqual([
      {
        id: expect.any(String),
        admin: true,
        pending: false,
        email: 'ada@example.test',
        username: 'ada',
        name: 'Ada Lovelace',
        photoUrl: null,
        accountType: 'USER',
        apiKey: KEY,
      },
    ]);
  });

  it('answers a team with its members; API keys are null for a viewer who is not an admin', async () => {
    const entity = (await gql(server, GET_TEAM_ENTITY, { name: 'team1' })).body.data.entity;
    expect(entity).toMatchObject({ name: 'team1', isTeam: true, storageBytes: 0 });
    expect(entity.members).toEqual([
      expect.objectContaining({ username: 'ada', admin: false, apiKey: null }),
    ]);
  });

  it('answers null for a name no entity has', async () => {
    const res = await gql(server, GET_TEAM_ENTITY, { name: 'nobody-here' });
    expect(res.body).toEqual({ data: { entity: null } });
  });

  it('has no organization; a personal entity has its user, with no organizations', async () => {
    const res = await gql(
      server,
      `query FetchOrgInfoFromEntity($entity: String!) { entity(name: $entity) {
        organization { name orgEntity { name } } user { username organizations { name orgEntity { name } } } } }`,
      { entity: 'e' },
    );
    expect(res.body).toEqual({
      data: { entity: { organization: null, user: { username: 'ada', organizations: [] } } },
    });
    const team = await gql(server, '{ entity(name: "team1") { organization { name } user { username } } }');
    expect(team.body.data.entity).toEqual({ organization: null, user: null });
  });
});

describe('createTeam', () => {
  it('creates a team with the viewer as admin when no admin is named', async () => {
    const res = await gql(server, CREATE_TEAM, { teamName: 'vision', teamAdminUserName: null });
    expect(res.body.data.result.entity).toMatchObject({
      name: 'vision',
      available: false,
      photoUrl: null,
      limits: '{}',
    });
    const entity = (await gql(server, GET_TEAM_ENTITY, { name: 'vision' })).body.data.entity;
    expect(entity.isTeam).toBe(true);
    expect(entity.members).toEqual([expect.objectContaining({ username: 'ada', admin: true, apiKey: KEY })]);
    expect(teamNames((await gql(server, TEAMS)).body)).toEqual(['e', 'team1', 'vision']);
    // Another user sees the team but not the admin's key.
    const asBob = await gql(server, GET_TEAM_ENTITY, { name: 'vision' }, { key: OTHER_KEY });
    expect(asBob.body.data.entity.members[0].apiKey).toBeNull();
  });

  it('makes the named user the admin', async () => {
    await gql(server, CREATE_TEAM, { teamName: 'audio', teamAdminUserName: 'bob' });
    expect(teamNames((await gql(server, TEAMS, {}, { key: OTHER_KEY })).body)).toEqual(['bob', 'audio']);
    const entity = (await gql(server, GET_TEAM_ENTITY, { name: 'audio' }, { key: OTHER_KEY })).body.data
      .entity;
    expect(entity.members).toEqual([
      expect.objectContaining({ username: 'bob', admin: true, apiKey: OTHER_KEY }),
    ]);
    expect(teamNames((await gql(server, TEAMS)).body)).not.toContain('audio');
  });

  it('refuses a taken name, a bad name and an unknown admin, and changes nothing', async () => {
    const taken = await gql(server, CREATE_TEAM, { teamName: 'e' });
    expect(taken.body.errors[0].message).toBe('entity name e is already taken');
    const bad = await gql(server, CREATE_TEAM, { teamName: 'a/b' });
    expect(bad.body.errors[0].message).toMatch(/invalid team name "a\/b"/);
    const unknown = await gql(server, CREATE_TEAM, { teamName: 'ghosts', teamAdminUserName: 'casper' });
    expect(unknown.body.errors[0].message).toBe('user not found: casper');
    expect((await gql(server, GET_TEAM_ENTITY, { name: 'ghosts' })).body.data.entity).toBeNull();
    expect(teamNames((await gql(server, TEAMS)).body)).toEqual(['e', 'team1', 'vision']);
  });
});
