import { env } from './env.js';

export interface SinkMessage {
  id: string;
  subject: string;
  text: string;
  to: Array<{ address: string }>;
}

/** Messages the SMTP sink holds for one recipient. */
export async function mailTo(address: string): Promise<SinkMessage[]> {
  const response = await fetch(`${env.mailApiUrl}/email`);
  if (!response.ok) throw new Error(`mail sink answered ${response.status}`);
  const all = (await response.json()) as SinkMessage[];
  return all.filter((message) => message.to.some((to) => to.address.toLowerCase() === address.toLowerCase()));
}
