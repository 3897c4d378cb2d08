/**
 * The headers a probe or scraper sends to /ready and /metrics: the internal credential, which the
 * gateway asks for on its public port (services, on loopback, ignore it). The test command exports
 * the profile's own token; the development default is what a process without one runs with.
 */
export function operationsHeaders(environment: Record<string, string | undefined> = process.env): Record<string, string> {
  return { 'x-internal-token': environment.INTERNAL_API_TOKEN ?? 'local-internal-token-change-me' };
}
