import type { ViewRow } from '../store/rows';
import { typedId } from '../util/ids';
import type { TypeResolvers } from './types';
import { userByUsername } from './user';

/** Resolvers of `View` (reports; source: a views row). */
export const viewResolvers: TypeResolvers<ViewRow> = {
  id: (v) => typedId('View', v.id),
  name: (v) => v.name,
  displayName: (v) => v.display_name,
  description: (v) => v.description,
  type: (v) => v.type,
  user: (v, _args, ctx) => userByUsername(ctx, v.username),
  spec: (v) => v.spec,
  updatedAt: (v) => v.updated_at,
  createdAt: (v) => v.created_at,
};
