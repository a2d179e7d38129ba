import { TextField } from '@/components/ui/field';

/** The new password and its confirmation, as every password-choosing form asks for them. */
export function NewPasswordFields({ errors }: { errors?: Record<string, string[] | undefined> }) {
  return (
    <>
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="12 to 256 characters; a passphrase works well."
        errors={errors?.password}
        required
      />
      <TextField
        label="Confirm password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        errors={errors?.confirm}
        required
      />
    </>
  );
}
