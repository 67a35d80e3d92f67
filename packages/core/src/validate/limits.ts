/** Largest page the server serves (`first` above it is capped); `perPage` above it is sent as this. */
export const MAX_PER_PAGE = 1000;
/** Most history rows the server samples in one request; `samples` above it is sent as this. */
export const MAX_SAMPLES = 100_000;
/** Deepest nesting of objects and arrays in `filters` (the server's MAX_FILTER_DEPTH). */
export const MAX_FILTER_DEPTH = 32;
/** Most values (objects, arrays, scalars) in `filters` (the server's MAX_FILTER_VALUES). */
export const MAX_FILTER_VALUES = 10_000;
