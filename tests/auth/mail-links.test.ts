import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../db/client';
import { migrateDatabase } from '../../db/migrate';
import { setPasswordWithToken } from '../../db/users/setup';
import { addSignedInUser } from '../support/staff';

// Invitations and password resets by e-mail, through a real SMTP server in this process: the
// message arrives with the link in its text and HTML, and the link works once.

const session = vi.hoisted(() => ({ current: null as { sid: string } | null }));
vi.mock('next-auth', () => ({ getServerSession: vi.fn(async () => session.current) }));
vi.mock('next/headers', () => ({ headers: vi.fn(async () => new Headers()) }));
vi.mock('next/cache', () => ({ revalidatePath: vi.fn() }));

type Received = { from: string; to: string[]; raw: string };
const inbox: Received[] = [];
let server: SMTPServer;

beforeAll(async () => {
  await migrateDatabase(getDb());
  session.current = { sid: (await addSignedInUser('admin', 'mail-admin@example.com')).sid };
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, smtpSession, callback) {
      const { envelope } = smtpSession;
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : '',
          to: envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => server.close(resolve));
});

const form = (fields: Record<string, string | number>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, String(value));
  return data;
};

/** The one-time link in a message's plain text (quoted-printable soft breaks undone). */
function linkIn(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const match = /http:\/\/\S+\/set-password\?token=[\w-]+/.exec(unfolded);
  if (!match) throw new Error(`No link in:\n${raw}`);
  return match[0];
}

describe('one-time links by e-mail', () => {
  it('e-mails an invitation whose link works once', async () => {
    const { createUserAction } = await import('../../app/(admin)/admin/users/actions');
    const state = await createUserAction(
      null,
      form({ method: 'invite', email: 'new.writer@example.com', name: 'Nia New', role: 'writer' }),
    );
    expect(state).toMatchObject({
      ok: true,
      message: expect.stringContaining('It was e-mailed to new.writer@example.com'),
    });
    expect(state.link).toBeUndefined();
    const mail = inbox.at(-1)!;
    expect(mail.to).toEqual(['new.writer@example.com']);
    expect(mail.raw).toMatch(/Subject: You are invited to/);
    expect(mail.raw).toContain('Content-Type: text/plain');
    expect(mail.raw).toContain('Content-Type: text/html');
    const token = new URL(linkIn(mail.raw)).searchParams.get('token')!;
    await setPasswordWithToken(getDb(), { token, password: 'nia chooses a passphrase' }, null);
    await expect(
      setPasswordWithToken(getDb(), { token, password: 'a second passphrase here' }, null),
    ).rejects.toThrow('This link has expired or was already used.');
  });

  it('e-mails a password reset to the user', async () => {
    const { resetPasswordAction } = await import('../../app/(admin)/admin/users/actions');
    const target = await addSignedInUser('editor', 'forgetful@example.com');
    const state = await resetPasswordAction(null, form({ userId: target.id }));
    expect(state.message).toContain('It was e-mailed to forgetful@example.com');
    expect(inbox.at(-1)!.raw).toMatch(/Subject: Choose a new password for/);
  });

  it('shows the link to copy, and says why, when no SMTP server is configured', async () => {
    const { createUserAction } = await import('../../app/(admin)/admin/users/actions');
    const configured = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      const state = await createUserAction(
        null,
        form({ method: 'invite', email: 'no.mail@example.com', name: 'No Mail', role: 'writer' }),
      );
      expect(state.message).toMatch(/Copy this link and send it to them/);
      expect(state.link).toMatch(/\/set-password\?token=/);
    } finally {
      process.env.SMTP_URL = configured;
    }
  });
});
