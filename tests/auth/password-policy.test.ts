import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../lib/auth/password-hash';
import {
  isCommonPassword,
  newPasswordSchema,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
} from '../../lib/auth/password-policy';

const TOO_SHORT = 'Use at least 12 characters.';
const TOO_LONG = 'Use at most 256 characters; this is 257.';
const TOO_COMMON = 'This password is too common. Choose another.';

/** A password of exactly `length` characters that is on no list. */
function passwordOfLength(length: number): string {
  return 'Tq7#vLm2!xZp9@wK'.repeat(Math.ceil(length / 16)).slice(0, length);
}

describe('the new-password policy', () => {
  it('requires 12 to 256 characters', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_LENGTH).toBe(256);
    expect(passwordProblem(passwordOfLength(11))).toBe(TOO_SHORT);
    expect(passwordProblem(passwordOfLength(12))).toBeNull();
    expect(passwordProblem(passwordOfLength(256))).toBeNull();
    expect(passwordProblem(passwordOfLength(257))).toBe(TOO_LONG);
    expect(passwordProblem('')).toBe(TOO_SHORT);
  });

  it('has no composition rules: twelve lowercase letters will do', () => {
    expect(isCommonPassword('gravelkettle')).toBe(false);
    expect(passwordProblem('gravelkettle')).toBeNull();
  });

  it('refuses common passwords, whatever their case', () => {
    for (const common of ['password1234', 'PASSWORD1234', 'PassWord1234', 'qwertyuiop123']) {
      expect(isCommonPassword(common), common).toBe(true);
      expect(passwordProblem(common), common).toBe(TOO_COMMON);
    }
  });

  it('keeps spaces as characters and does not trim them', () => {
    const padded = '  gravel  kettle  ';
    expect(passwordProblem(padded)).toBeNull();
    expect(newPasswordSchema.parse(padded)).toBe(padded);
    // Ten characters plus two spaces: accepted only because the spaces count.
    const tenAndTwoSpaces = 'gravelkett  ';
    expect(passwordProblem(tenAndTwoSpaces)).toBeNull();
    expect(newPasswordSchema.parse(tenAndTwoSpaces)).toBe(tenAndTwoSpaces);
    expect(passwordProblem(' '.repeat(12))).toBeNull();
  });

  it('accepts any unicode characters unchanged', () => {
    for (const password of ['пароль-для-теста', 'ñandú rosado 🦩', '密码是很长的一个句子呢呢']) {
      expect(passwordProblem(password), password).toBeNull();
      expect(newPasswordSchema.parse(password)).toBe(password);
    }
  });
});

describe('password hashing', () => {
  const password = 'gravel kettle 🦩 lantern';
  let stored: string;

  beforeAll(async () => {
    stored = await hashPassword(password);
  });

  it('stores an argon2id PHC string with OWASP parameters (19 MiB, 2 passes, 1 lane)', () => {
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(stored).not.toContain(password);
  });

  it('salts every hash', async () => {
    expect(await hashPassword(password)).not.toBe(stored);
  });

  it('accepts the right password and refuses any other', async () => {
    expect(await verifyPassword(stored, password)).toBe(true);
    expect(await verifyPassword(stored, 'gravel kettle 🦩 lanterN')).toBe(false);
    expect(await verifyPassword(stored, `${password} `)).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
  });

  it('says no, without throwing, when there is no hash or the hash is garbage', async () => {
    await expect(verifyPassword(null, password)).resolves.toBe(false);
    await expect(verifyPassword(null, '')).resolves.toBe(false);
    await expect(verifyPassword('not-a-hash', password)).resolves.toBe(false);
    await expect(verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$broken', password)).resolves.toBe(
      false,
    );
    await expect(verifyPassword(stored.slice(0, -10), password)).resolves.toBe(false);
  });
});
