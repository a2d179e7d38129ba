import { expect, test } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { ADMIN, uniqueEmail } from './support/accounts';
import {
  removeDirectory,
  startServer,
  temporaryDirectory,
  type OwnServer,
} from './support/own-server';

// With SMTP_URL set, an invitation is e-mailed: a real SMTP server in this process receives
// it, and the link in it works once. The spec runs a server of its own with SMTP_URL.

const PORT = Number(process.env.E2E_PORT ?? 3100) + 3;

test('an admin invites someone by e-mail; the link in the message works once', async ({ page }) => {
  test.setTimeout(120_000);
  const messages: string[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        messages.push(raw);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as { port: number }).port;
  const dir = temporaryDirectory('mail');
  let server: OwnServer | undefined;
  try {
    server = startServer({
      port: PORT,
      dir,
      env: {
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      },
    });
    await server.ready();
    const origin = server.origin;
    await page.goto(`${origin}/login`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${origin}/admin`);

    const email = uniqueEmail('invited');
    await page.goto(`${origin}/admin/users`);
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Add user' }) });
    await form.getByLabel('Name').fill('Ivy Invited');
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Role').selectOption('writer');
    await form.getByLabel('Send a one-time invite link').check();
    await form.getByRole('button', { name: 'Add user' }).click();
    await expect(
      page.getByText(`Ivy Invited was added. It was e-mailed to ${email}`),
    ).toBeVisible();
    await expect(page.getByLabel('One-time link')).toHaveCount(0);

    await expect.poll(() => messages.length).toBe(1);
    const raw = messages[0]!.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(raw).toContain(`To: ${email}`);
    const link = /http:\/\/\S+\/set-password\?token=[\w-]+/.exec(raw)?.[0];
    expect(link).toBeDefined();

    await page.context().clearCookies();
    await page.goto(link!);
    await page.getByLabel('Password', { exact: true }).fill('ivy picks a passphrase');
    await page.getByLabel('Confirm password').fill('ivy picks a passphrase');
    await page.getByRole('button', { name: 'Set password' }).click();
    await expect(page).toHaveURL(/\/login\?password=set$/);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('ivy picks a passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${origin}/admin`);

    // Once only.
    await page.goto(link!);
    await expect(page.getByText(/expired or was already used/)).toBeVisible();
  } finally {
    await server?.stop();
    removeDirectory(dir);
    await new Promise<void>((resolve) => smtp.close(resolve));
  }
});
