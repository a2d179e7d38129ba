import { z } from 'zod';
import { USER_ROLES } from '../content/vocabulary';
import { emailSchema } from './email';
import { newPasswordSchema } from './password-policy';
import { maxLength } from '../text/too-long';

// The zod schemas of every account form. Server Actions parse FormData with them; only the
// fields named here are read, so extra posted fields (role=admin, id=…) are ignored.

export const nameSchema = z.string().trim().min(1, 'Enter a name.').max(100, maxLength(100));
const roleSchema = z.enum(USER_ROLES, 'Choose a role.');
const userIdSchema = z.coerce.number().int().positive();

export const createUserSchema = z.discriminatedUnion(
  'method',
  [
    z.object({
      method: z.literal('invite'),
      email: emailSchema,
      name: nameSchema,
      role: roleSchema,
    }),
    z.object({
      method: z.literal('password'),
      email: emailSchema,
      name: nameSchema,
      role: roleSchema,
      password: newPasswordSchema,
    }),
  ],
  'Choose how the user gets their password.',
);
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const changeRoleSchema = z.object({ userId: userIdSchema, role: roleSchema });
export const userIdFormSchema = z.object({ userId: userIdSchema });

const passwordsMatch = {
  check: (form: { password: string; confirm: string }) => form.password === form.confirm,
  params: { message: 'The passwords do not match.', path: ['confirm'] },
};
const newPasswordFields = {
  token: z.string().min(1),
  password: newPasswordSchema,
  confirm: z.string(),
};

export const setupSchema = z
  .object({ ...newPasswordFields, name: nameSchema, email: emailSchema })
  .refine(passwordsMatch.check, passwordsMatch.params);
export const setPasswordSchema = z
  .object(newPasswordFields)
  .refine(passwordsMatch.check, passwordsMatch.params);
