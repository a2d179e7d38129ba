import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '../env';
import { SITE_NAME, siteUrl } from '../site';

// Outgoing e-mail (invitations and password resets), when SMTP_URL names a server:
// smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. Without it the admin
// copies the one-time link and sends it themselves, as the Users page says.

export type Mail = { to: string; subject: string; text: string; html: string };

let transport: Transporter | null = null;

/** True when SMTP_URL is set: links are e-mailed rather than only shown. */
export function mailConfigured(): boolean {
  return env().SMTP_URL !== undefined;
}

function sender(): string {
  const configured = env().SMTP_FROM;
  if (configured) return configured;
  const host = new URL(siteUrl()).hostname || 'localhost';
  return `"${SITE_NAME.replace(/["\\]/g, '')}" <no-reply@${host}>`;
}

/** Sends one message; resolves once the server has accepted it, throws if it did not. */
export async function sendMail(mail: Mail): Promise<void> {
  const url = env().SMTP_URL;
  if (!url) throw new Error('SMTP_URL is not set.');
  transport ??= nodemailer.createTransport(url, {
    // A slow or silent server fails the send rather than holding the admin's request.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  await transport.sendMail({ from: sender(), ...mail });
}
