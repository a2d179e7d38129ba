import { z } from 'zod';
import { maxLength } from '../text/too-long';

/** Emails are compared and stored trimmed and lower-cased. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, maxLength(254))
  .pipe(z.email('Enter a valid email address.'));
