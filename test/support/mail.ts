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

/** The tokens of the links to a frontend page (e.g. `/verify-email`) mailed to a recipient, oldest first. */
export async function mailedTokens(address: string, page: string): Promise<string[]> {
  const pattern = new RegExp(`${page.replace(/[/-]/g, '\\$&')}\\?token=([A-Za-z0-9_-]+)`);
  return (await mailTo(address)).flatMap((message) => {
    const match = pattern.exec(message.text);
    return match?.[1] ? [match[1]] : [];
  });
}
