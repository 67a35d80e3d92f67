import { OrgInfoFromEntityDocument } from '@wbapi/gql';
import type { Session, RequestOptions } from '../session/session';
import { resolveEntity } from '../session/resolve-path';
import { BadInputError } from '../errors/bad-input-error';

interface OrgInfo {
  name: string;
  orgEntity: { name: string } | null;
}

function matches(org: OrgInfo, wanted: string): boolean {
  return org.name === wanted || org.orgEntity?.name === wanted;
}

/**
 * The org entity that owns registries (wandb/wandb `wandb/apis/public/registries/`): asks for the organization of the
 * user's entity (settings entity, else the viewer's). A team entity gives its organization; a
 * personal entity the one of the user's organizations whose name or org entity is `organization`,
 * or the only one when none is named.
 *
 * @throws BadInputError when no organization, or none of that name, or several without a name.
 */
export async function resolveOrgEntity(
  context: Session,
  organization: string | undefined,
  options: RequestOptions = {},
): Promise<string> {
  const entity = await resolveEntity(context, undefined, options);
  const data = await context.client.request(OrgInfoFromEntityDocument, { entity }, options);
  const team = data.entity?.organization;
  if (team?.orgEntity) {
    if (!organization || matches(team, organization)) return team.orgEntity.name;
    throw new BadInputError(
      `Organization ${JSON.stringify(organization)} does not match the organization of entity ${JSON.stringify(entity)} (${team.name})`,
    );
  }
  const orgs = (data.entity?.user?.organizations ?? []).filter((o) => o.orgEntity);
  if (organization) {
    const found = orgs.find((o) => matches(o, organization));
    if (found?.orgEntity) return found.orgEntity.name;
    throw new BadInputError(
      `Organization ${JSON.stringify(organization)} not found among the organizations of ${JSON.stringify(entity)}: ${orgs.map((o) => o.name).join(', ') || 'none'}`,
    );
  }
  if (orgs.length === 1 && orgs[0]?.orgEntity) return orgs[0].orgEntity.name;
  if (orgs.length === 0) {
    throw new BadInputError(
      `Entity ${JSON.stringify(entity)} belongs to no organization: registry paths need one`,
    );
  }
  throw new BadInputError(
    `Entity ${JSON.stringify(entity)} belongs to several organizations (${orgs.map((o) => o.name).join(', ')}): name one, as "<organization>/wandb-registry-<name>/<collection>"`,
  );
}
