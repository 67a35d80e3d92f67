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
import { budgeted } from './budgeted';
import { SDL } from './sdl';
import { ARTIFACT_RESOLVERS, withArtifactResolvers } from '../artifacts/register';

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
  ...ARTIFACT_RESOLVERS,
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

/** `Run.parquetHistory` with its description, cut out for servers that lack it. */
const PARQUET_HISTORY_FIELD = /\n\s*"""[^"]*"""\n\s*parquetHistory\([^\n]*\n/;

/** Options of {@link createExecutableSchema}. */
export interface ExecutableSchemaOptions {
  /** Leave out `Run.parquetHistory`, as servers without history exports do. @defaultValue false */
  withoutParquetHistory?: boolean;
}

/** The schema of `schema/wandb.graphql` with this server's resolvers attached. */
export function createExecutableSchema(options: ExecutableSchemaOptions = {}): GraphQLSchema {
  const sdl = options.withoutParquetHistory ? SDL.replace(PARQUET_HISTORY_FIELD, '\n') : SDL;
  const schema = buildSchema(sdl);
  configureScalars(schema);
  for (const [typeName, resolvers] of Object.entries(withArtifactResolvers(RESOLVERS))) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`Schema has no object type ${typeName}`);
    const fields = type.getFields();
    for (const [fieldName, resolve] of Object.entries(resolvers)) {
      const field = fields[fieldName];
      if (!field && options.withoutParquetHistory && fieldName === 'parquetHistory') continue;
      if (!field) throw new Error(`Schema has no field ${typeName}.${fieldName}`);
      field.resolve = budgeted(resolve);
    }
  }
  return schema;
}
