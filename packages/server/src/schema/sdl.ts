import text from '../../../../schema/wandb.graphql';

/** The SDL shared with the client (`schema/wandb.graphql`), embedded at build time. */
export const SDL: string = text;
