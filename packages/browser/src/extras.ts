/**
 * The rarely used values of wbapi for browsers (sweeps, reports, `Project`, QueryGenerator, bulk
 * export, run creation), kept apart from `@wbapi/browser` so that pages that do not import them
 * do not download them.
 *
 * @packageDocumentation
 */
export * from '@wbapi/core/extras';
