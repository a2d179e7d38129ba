import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testToolVariables, variables, type VariableDoc } from '../../lib/env';

// The README's environment table is lib/env.ts written out: the same variables, in the same
// order, with the same default and meaning. A change to one without the other fails here,
// showing the row the README should have.

const README = fs.readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

type Row = { name: string; default: string; description: string };

function readmeRows(): Row[] {
  const lines = README.split('\n');
  const heading = lines.indexOf('## Environment variables');
  expect(heading, 'README has a "## Environment variables" section').toBeGreaterThan(-1);
  const start = lines.findIndex((line, i) => i > heading && line.startsWith('|'));
  const table: string[] = [];
  for (let i = start; i < lines.length && lines[i]!.startsWith('|'); i++) table.push(lines[i]!);
  // The header and the |---| line, then one row a variable.
  return table.slice(2).map((line) => {
    const [name = '', fallback = '', description = ''] = line
      .slice(1, -1)
      .split('|')
      .map((cell) => cell.trim());
    return { name: name.replace(/^`|`$/g, ''), default: fallback, description };
  });
}

const declared: Array<[string, VariableDoc]> = [
  ...Object.entries(variables),
  ...Object.entries(testToolVariables),
];

const rowFor = ([name, doc]: [string, VariableDoc]) =>
  `| \`${name}\` | ${doc.default} | ${doc.description} |`;

describe('the README environment table', () => {
  const rows = readmeRows();

  it('lists every variable lib/env.ts declares', () => {
    const inReadme = new Set(rows.map((row) => row.name));
    const missing = declared.filter(([name]) => !inReadme.has(name)).map(rowFor);
    expect(missing, 'rows to add to the README').toEqual([]);
  });

  it('lists no variable lib/env.ts does not declare', () => {
    const names = new Set(declared.map(([name]) => name));
    const extra = rows.filter((row) => !names.has(row.name)).map((row) => row.name);
    expect(extra, 'README rows with no declaration in lib/env.ts').toEqual([]);
  });

  it('says what lib/env.ts says about each, in the same order', () => {
    expect(rows).toEqual(
      declared.map(([name, doc]) => ({ name, default: doc.default, description: doc.description })),
    );
  });

  it('gives each variable a one-line description and a default', () => {
    for (const [name, doc] of declared) {
      expect(doc.description, name).toMatch(/\S/);
      expect(doc.description, name).not.toMatch(/[\n|]/);
      expect(doc.default, name).toMatch(/\S/);
      expect(doc.default, name).not.toMatch(/[\n|]/);
    }
  });
});
