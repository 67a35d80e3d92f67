const METHODS = ['grid', 'random', 'bayes'];
const GOALS = ['minimize', 'maximize'];

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What looks wrong in a parsed sweep config: the sweep is stored anyway and these messages go
 * back as `configValidationWarnings` (wandb/wandb `wandb/sdk/internal/internal_api.py` `upsert_sweep`). Checks the parts every sweep needs:
 * `method`, `parameters` and, when present or needed by `bayes`, `metric`.
 */
export function sweepConfigWarnings(config: Record<string, unknown>): string[] {
  const warnings: string[] = [];
  const method = config.method;
  if (method === undefined) warnings.push(`method is missing (one of ${METHODS.join(', ')})`);
  else if (typeof method !== 'string' || !METHODS.includes(method)) {
    warnings.push(`method ${JSON.stringify(method)} is not one of ${METHODS.join(', ')}`);
  }
  if (!isMapping(config.parameters)) warnings.push('parameters must be a mapping of parameter names');
  else {
    for (const [name, spec] of Object.entries(config.parameters)) {
      if (!isMapping(spec))
        warnings.push(`parameters.${name} must be a mapping (values, value, min/max, ...)`);
    }
  }
  const metric = config.metric;
  if (metric === undefined) {
    if (method === 'bayes') warnings.push('method bayes needs a metric to optimize');
  } else if (!isMapping(metric) || typeof metric.name !== 'string' || metric.name === '') {
    warnings.push('metric must be a mapping with a name');
  } else if (metric.goal !== undefined && !GOALS.includes(metric.goal as string)) {
    warnings.push(`metric.goal ${JSON.stringify(metric.goal)} is not one of ${GOALS.join(', ')}`);
  }
  return warnings;
}
