import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';
import { maxLength } from '../text/too-long';

// New passwords (OWASP ASVS 2.1): 12 to 256 characters, any characters, no composition rules,
// and not one of the ~49,000 most common passwords (zxcvbn-ts's shipped list).

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const COMMON_PASSWORDS = new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/** A new password as typed by its owner. Not trimmed: spaces are characters like any other. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, maxLength(PASSWORD_MAX_LENGTH))
  .refine(
    (password) => !isCommonPassword(password),
    'This password is too common. Choose another.',
  );

/** The message for a new password, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  const result = newPasswordSchema.safeParse(password);
  return result.success ? null : (result.error.issues[0]?.message ?? 'Invalid password.');
}
