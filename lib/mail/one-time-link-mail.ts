import type { Mail } from './transport';

// The invitation and password-reset messages: plain text and the same in simple HTML, every
// value escaped. The link is the only action in them.

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);

export type LinkMailInput = {
  purpose: 'invite' | 'reset';
  to: string;
  name: string;
  link: string;
  site: string;
  /** "7 days", "1 hour" */
  validFor: string;
};

export function oneTimeLinkMail(input: LinkMailInput): Mail {
  const invite = input.purpose === 'invite';
  const subject = invite
    ? `You are invited to ${input.site}`
    : `Choose a new password for ${input.site}`;
  const lead = invite
    ? `You have been given an account on ${input.site}. Choose your password with this link:`
    : `A new password was requested for your account on ${input.site}. Choose it with this link:`;
  const after = `The link works once and for ${input.validFor}. If you did not expect this message, ignore it.`;
  const text = `Hello ${input.name},\n\n${lead}\n\n${input.link}\n\n${after}\n`;
  const html = [
    `<p>Hello ${escapeHtml(input.name)},</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    `<p><a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>`,
    `<p>${escapeHtml(after)}</p>`,
  ].join('\n');
  return { to: input.to, subject, text, html };
}
