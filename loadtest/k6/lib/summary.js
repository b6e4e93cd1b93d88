// handleSummary helpers: the full summary as JSON for machines, a few lines for people.
import { config } from './config.js';

/**
 * @param {string} name script name, e.g. `run-stream`
 * @param {Record<string, any>} data the summary k6 passes to handleSummary
 * @param {string[]} metrics trend metrics to print
 * @returns {Record<string, string>}
 */
export function writeSummary(name, data, metrics) {
  const lines = [`${name}: profile ${config.profile}`];
  for (const metric of metrics) {
    const values = data.metrics?.[metric]?.values;
    if (values === undefined) continue;
    const parts = ['avg', 'med', 'p(95)', 'p(99)', 'max', 'rate', 'count']
      .filter((key) => typeof values[key] === 'number')
      .map((key) => `${key}=${Number(values[key]).toFixed(2)}`);
    lines.push(`  ${metric}: ${parts.join(' ')}`);
  }
  const failed = Object.entries(data.metrics ?? {})
    .filter(([, metric]) =>
      Object.values(metric.thresholds ?? {}).some((threshold) => threshold.ok === false),
    )
    .map(([metricName]) => metricName);
  lines.push(failed.length === 0 ? '  thresholds: all passed' : `  thresholds crossed: ${failed.join(', ')}`);
  return {
    [`${config.summaryDir}/k6-${name}-${config.profile}.json`]: JSON.stringify(data, null, 2),
    stdout: `${lines.join('\n')}\n`,
  };
}
