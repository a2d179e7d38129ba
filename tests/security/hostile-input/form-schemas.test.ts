import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { emailSchema } from '../../../lib/auth/email';
import { newPasswordSchema, passwordProblem } from '../../../lib/auth/password-policy';
import {
  changeRoleSchema,
  createUserSchema,
  nameSchema,
  setPasswordSchema,
  setupSchema,
  userIdFormSchema,
} from '../../../lib/auth/user-forms';
import {
  creditSchema,
  genreRefSchema,
  ratingSchema,
  richTextBodySchema,
  sectionSchema,
  slugSchema,
  SLUG_PATTERN,
  workSchema,
} from '../../../lib/content/review-content';
import { contentFieldErrors, parseForm, readForm } from '../../../lib/forms';
import { altTextSchema, uploadAltTextSchema } from '../../../lib/media/alt-text';
import { parsePageNumber } from '../../../lib/page-number';
import { containsMarkup } from '../../../lib/text/markup';
import {
  DEPTHS,
  fill,
  HOSTILE_UNITS,
  hostileJson,
  hostileString,
  KB,
  MB,
  NAMED_UNITS,
  nested,
  returnsInTime,
  SHAPES,
} from './hostile';

// Every zod form schema in lib/ (the account forms, email and password, the media alt text,
// the content schema's parts) and the helpers that read forms with them. Server Actions hand
// them whatever a forged POST holds: strings of any size, or, for JSON actions, any value.
// safeParse must answer, never throw, in time; what it accepts must be what the form promises.

type Schema = z.ZodType;

/** Each schema with the fields a form sends it and a check of what it accepts. */
const FORMS: ReadonlyArray<{
  name: string;
  schema: Schema;
  fields: readonly string[];
  accepted?: (data: unknown) => void;
}> = [
  {
    name: 'createUserSchema',
    schema: createUserSchema,
    fields: ['method', 'email', 'name', 'role', 'password'],
    accepted: (data) => {
      const user = data as { email: string; name: string };
      expect(user.email).toBe(user.email.trim().toLowerCase());
      expect([...user.name].length).toBeLessThanOrEqual(100);
    },
  },
  { name: 'changeRoleSchema', schema: changeRoleSchema, fields: ['userId', 'role'] },
  {
    name: 'userIdFormSchema',
    schema: userIdFormSchema,
    fields: ['userId'],
    accepted: (data) =>
      expect(Number.isSafeInteger((data as { userId: number }).userId)).toBe(true),
  },
  {
    name: 'setupSchema',
    schema: setupSchema,
    fields: ['token', 'name', 'email', 'password', 'confirm'],
  },
  {
    name: 'setPasswordSchema',
    schema: setPasswordSchema,
    fields: ['token', 'password', 'confirm'],
  },
];

/** Single fields: a schema and a check of what it accepts. */
const FIELDS: ReadonlyArray<{ name: string; schema: Schema; accepted?: (data: unknown) => void }> =
  [
    { name: 'nameSchema', schema: nameSchema },
    {
      name: 'emailSchema',
      schema: emailSchema,
      accepted: (data) => expect(String(data)).toMatch(/^[^\s@]+@[^\s@]+$/),
    },
    {
      name: 'newPasswordSchema',
      schema: newPasswordSchema,
      // zod counts characters (code points), so an emoji is one of the 256.
      accepted: (data) => expect([...String(data)].length).toBeLessThanOrEqual(256),
    },
    {
      name: 'altTextSchema',
      schema: altTextSchema,
      accepted: (data) => {
        expect(containsMarkup(String(data))).toBe(false);
        expect(String(data)).not.toMatch(/[\n\r]/);
      },
    },
    { name: 'uploadAltTextSchema', schema: uploadAltTextSchema },
    {
      name: 'slugSchema',
      schema: slugSchema,
      accepted: (data) => expect(String(data)).toMatch(SLUG_PATTERN),
    },
    { name: 'sectionSchema', schema: sectionSchema },
    { name: 'creditSchema', schema: creditSchema },
    { name: 'genreRefSchema', schema: genreRefSchema },
    { name: 'ratingSchema', schema: ratingSchema },
    { name: 'workSchema', schema: workSchema },
    { name: 'richTextBodySchema', schema: richTextBodySchema },
  ];

function checkSchema(
  label: string,
  schema: Schema,
  input: unknown,
  size: number,
  accepted?: (data: unknown) => void,
) {
  const result = returnsInTime(label, size, () => schema.safeParse(input));
  if (result.success) accepted?.(result.data);
  else expect(result.error.issues.length).toBeGreaterThan(0);
  return result;
}

const formOf = (fields: readonly string[], value: (field: string, i: number) => string) =>
  Object.fromEntries(fields.map((field, i) => [field, value(field, i)]));

const formValue = fc.oneof(
  hostileString(),
  fc.constantFrom(
    'invite',
    'password',
    'admin',
    'editor',
    'writer',
    '1',
    '-1',
    '1e3',
    '0x1f',
    ' 7 ',
    '9007199254740993',
    'Infinity',
    'NaN',
  ),
  fc.emailAddress(),
);

describe('form schemas on hostile forms', () => {
  it.each(FORMS)('$name answers any form of strings', ({ name, schema, fields, accepted }) => {
    fc.assert(
      fc.property(
        fc.array(formValue, { minLength: fields.length, maxLength: fields.length }),
        (values) => {
          const form = formOf(fields, (_field, i) => values[i]!);
          checkSchema(name, schema, form, values.join('').length, accepted);
        },
      ),
      { numRuns: 150 },
    );
  });

  it.each(FORMS)('$name answers any JSON', ({ name, schema }) => {
    fc.assert(
      fc.property(hostileJson, (json) => {
        checkSchema(name, schema, json, JSON.stringify(json)?.length ?? 0);
      }),
      { numRuns: 100 },
    );
  });

  it.each(FORMS)(
    '$name answers 1 MB of each hostile shape in every field',
    ({ name, schema, fields }) => {
      for (const [shape, unit] of NAMED_UNITS) {
        const value = fill(unit, MB);
        checkSchema(
          `${name}: ${shape}`,
          schema,
          formOf(fields, () => value),
          fields.length * MB,
        );
      }
    },
  );

  it.each(FORMS)('$name answers fields nested 100,000 deep', ({ name, schema, fields }) => {
    for (const shape of SHAPES)
      for (const depth of DEPTHS)
        checkSchema(
          `${name}: ${shape} ${depth}`,
          schema,
          formOf(fields, () => nested(depth, shape) as string),
          depth,
        );
  });

  it('accepts a well-formed form (the properties above do reach success)', () => {
    const form = {
      method: 'password',
      email: '  Editor@Example.COM ',
      name: ' Kim ',
      role: 'editor',
      password: 'a long passphrase nobody uses',
    };
    expect(checkSchema('createUserSchema', createUserSchema, form, 100).success).toBe(true);
  });
});

describe('field schemas on hostile values', () => {
  it.each(FIELDS)('$name answers any value', ({ name, schema, accepted }) => {
    fc.assert(
      fc.property(fc.oneof(hostileString(), hostileJson), (value) => {
        checkSchema(name, schema, value, JSON.stringify(value)?.length ?? 0, accepted);
      }),
      { numRuns: 150 },
    );
  });

  it.each(FIELDS)(
    '$name answers 100 KB and 1 MB of each hostile shape',
    ({ name, schema, accepted }) => {
      for (const size of [100 * KB, MB])
        for (const [shape, unit] of size === MB ? NAMED_UNITS : HOSTILE_UNITS)
          checkSchema(`${name}: ${shape}`, schema, fill(unit, size), size, accepted);
    },
  );

  it.each(FIELDS)('$name answers values nested 100,000 deep', ({ name, schema }) => {
    for (const shape of SHAPES)
      for (const depth of DEPTHS)
        checkSchema(`${name}: ${shape} ${depth}`, schema, nested(depth, shape), depth);
  });

  it('passwordProblem names a problem or none for anything typed', () => {
    fc.assert(
      fc.property(hostileString(), (password) => {
        const problem = returnsInTime('passwordProblem', password.length, () =>
          passwordProblem(password),
        );
        expect(problem === null || typeof problem === 'string').toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(returnsInTime('1 MB password', MB, () => passwordProblem(fill('🎬', MB)))).toMatch(
      /at most 256/,
    );
  });
});

describe('form helpers on hostile input', () => {
  it('parsePageNumber answers any page in the address', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString(5, 10),
          fc.constantFrom(undefined, '0', '01', '1', '100000', '100001', '1e3', ' 2', '２'),
        ),
        (raw) => {
          const page = returnsInTime('parsePageNumber', raw?.length ?? 0, () =>
            parsePageNumber(raw),
          );
          if (page !== null) {
            expect(Number.isInteger(page) && page >= 1 && page <= 100_000).toBe(true);
            expect(String(page)).toBe(raw ?? '1');
          }
        },
      ),
      { numRuns: 300 },
    );
    for (const [, unit] of HOSTILE_UNITS)
      expect(returnsInTime('1 MB page', MB, () => parsePageNumber(fill(unit, MB)))).toBeNull();
  });

  it('parseForm reads only its fields from any FormData and keeps secrets out of the state', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(
              'email',
              'name',
              'role',
              'method',
              'password',
              'role ',
              'id',
              '__proto__',
            ),
            formValue,
          ),
          { maxLength: 12 },
        ),
        (entries) => {
          const data = new FormData();
          for (const [key, value] of entries) data.append(key, value);
          const fields = ['email', 'name', 'role', 'method', 'password'];
          const parsed = returnsInTime('parseForm', entries.join('').length, () =>
            parseForm(createUserSchema, data, fields),
          );
          expect(Object.keys(readForm(data, fields))).toEqual(fields);
          if (!parsed.ok) {
            expect(parsed.state.ok).toBe(false);
            expect(parsed.state.values).not.toHaveProperty('password');
          }
        },
      ),
      { numRuns: 150 },
    );
    const huge = new FormData();
    for (const field of ['email', 'name', 'role', 'method', 'password'])
      huge.set(field, fill('<a', MB));
    huge.set('file', new File([fill('x', MB)], 'x.png'));
    const parsed = returnsInTime('1 MB fields', 5 * MB, () =>
      parseForm(createUserSchema, huge, ['email', 'name', 'role', 'method', 'password', 'file']),
    );
    expect(parsed.ok).toBe(false);
  });

  it('contentFieldErrors lists the issues of a hostile save by field', () => {
    const result = sectionSchema.safeParse({
      id: fill('x', MB),
      kind: '\ud800',
      heading: fill('<a>', MB),
      spoiler: 'yes',
      body: nested(100_000, 'node'),
    });
    expect(result.success).toBe(false);
    if (!result.success) {
      const errors = returnsInTime('contentFieldErrors', MB, () =>
        contentFieldErrors(result.error, 'section'),
      );
      expect(Object.keys(errors).sort()).toEqual(['body', 'heading', 'id', 'kind', 'spoiler']);
    }
  });
});
