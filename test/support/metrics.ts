import { operationsHeaders } from './operations.js';

/** The sum of a Prometheus metric's samples (every label set) on a process's /metrics. */
export async function metricSum(baseUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`, { headers: operationsHeaders() })).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}
