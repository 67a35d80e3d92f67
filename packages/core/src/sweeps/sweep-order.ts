import { formatOrderKey } from '../query-generator';

/**
 * The order a sweep's best run is chosen by, as Python's `Sweep.best_run()` chooses it.
 *
 * An explicit `order` goes through `QueryGenerator.formatOrderKey`. Otherwise the config's
 * `metric` decides: ascending when `goal` is `minimize` or absent, descending for any other
 * goal. With neither, the result is null (the caller falls back to the runs default).
 *
 * @example
 * ```ts
 * sweepOrder({ metric: { name: 'val_loss', goal: 'minimize' } }); // '+summary_metrics.val_loss'
 * ```
 */
export function sweepOrder(config: Record<string, unknown>, order?: string | null): string | null {
  if (order !== undefined && order !== null) return formatOrderKey(order);
  const metric = config['metric'];
  if (typeof metric !== 'object' || metric === null) return null;
  const { name, goal } = metric as { name?: unknown; goal?: unknown };
  if (typeof name !== 'string') return null;
  const sign = goal === undefined || goal === null || goal === 'minimize' ? '+' : '-';
  return formatOrderKey(sign + name);
}
