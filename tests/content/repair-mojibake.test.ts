import { describe, expect, it } from 'vitest';
import { buildSampleReview, readSampleArticle } from '../../db/seed/sample-review';
import { repairMojibake } from '../../lib/text/repair-mojibake';

/** Every string inside a value, however deeply nested. */
function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

describe('repairMojibake', () => {
  it('reads a β between letters as an apostrophe and a spaced β as a dash', () => {
    expect(repairMojibake('Gyu-namβs friend')).toBe('Gyu-nam’s friend');
    expect(repairMojibake('terrain β including the DMZ β the film')).toBe(
      'terrain — including the DMZ — the film',
    );
  });

  it('drops the remnants of emoji heading markers', () => {
    expect(repairMojibake('π¬ Plot Summary')).toBe('Plot Summary');
    expect(repairMojibake('π Main Cast')).toBe('Main Cast');
    expect(repairMojibake('π₯ Direction')).toBe('Direction');
    expect(repairMojibake('πΊ Availability')).toBe('Availability');
  });

  it('leaves text that was never damaged alone', () => {
    const clean = '“Escape” (2024): the film’s score — vast, indifferent.';
    expect(repairMojibake(clean)).toBe(clean);
  });

  it('leaves no β or π anywhere in the repaired seed article', () => {
    const repaired = repairMojibake(readSampleArticle());
    expect(repaired).not.toMatch(/[βπ]/);
    expect(repaired).toContain('Gyu-nam’s childhood friend');
    expect(repaired).toContain(
      'Nature itself becomes a character — vast, indifferent, and treacherous.',
    );
  });

  it('leaves no remnants in any text of the structured sample review', () => {
    const review = buildSampleReview(readSampleArticle());
    const strings = allStrings(review);
    expect(strings.length).toBeGreaterThan(50);
    for (const text of strings) expect(text).not.toMatch(/[βπ¬₯Ί]/);
  });
});
