import { buildSchema, GraphQLObjectType, GraphQLScalarType, type GraphQLSchema } from 'graphql';
import {
  entityQueryResolvers,
  entityResolvers,
  memberResolvers,
  teamMutationResolvers,
  userOrganizationResolvers,
} from '../resolvers/entity';
import { fileResolvers } from '../resolvers/file';
import { mutationResolvers } from '../resolvers/mutation';
import { projectResolvers } from '../resolvers/project';
import { queryResolvers } from '../resolvers/query';
import { runResolvers } from '../resolvers/run';
import { sweepResolvers } from '../resolvers/sweep';
import { runAgentResolvers, sweepExtraResolvers } from '../resolvers/sweep-agent-fields';
import type { TypeResolvers } from '../resolvers/types';
import { sweepMutationResolvers } from '../resolvers/upsert-sweep';
import { userResolvers } from '../resolvers/user';
import { viewResolvers } from '../resolvers/view';
import { stringifyWandbJson } from '../util/wandb-json';
import { SDL } from './sdl';

const RESOLVERS: Record<string, TypeResolvers> = {
  Query: { ...queryResolvers, ...entityQueryResolvers },
  Mutation: { ...mutationResolvers, ...sweepMutationResolvers, ...teamMutationResolvers },
  User: { ...userResolvers, ...userOrganizationResolvers },
  Project: projectResolvers,
  Run: { ...runResolvers, ...runAgentResolvers },
  File: fileResolvers,
  Sweep: { ...sweepResolvers, ...sweepExtraResolvers },
  View: viewResolvers,
  Entity: entityResolvers,
  Member: memberResolvers,
};

/** JSONString values travel as text; an object given instead is written as W&B JSON text. */
function configureScalars(schema: GraphQLSchema): void {
  const jsonString = schema.getType('JSONString');
  if (jsonString instanceof GraphQLScalarType) {
    const toText = (value: unknown): unknown =>
      typeof value === 'string' ? value : stringifyWandbJson(value);
    jsonString.serialize = toText;
    jsonString.parseValue = toText;
  }
}

/** The schema of `schema/wandb.graphql` with this server's resolvers attached. */
export function createExecutableSchema(): GraphQLSchema {
  const schema = buildSchema(SDL);
  configureScalars(schema);
  for (const [typeName, resolvers] of Object.entries(RESOLVERS)) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`Schema has no object type ${typeName}`);
    const fields = type.getFields();
    for (const [fieldName, resolve] of Object.entries(resolvers)) {
      const field = fields[fieldName];
      if (!field) throw new Error(`Schema has no field ${typeName}.${fieldName}`);
      field.resolve = resolve;
    }
  }
  return schema;
}
