// Repairs text that went through one specific accident: UTF-8 bytes decoded as ISO-8859-7
// (Greek) with the C1 control bytes (0x80–0x9F) dropped. Every three-byte punctuation mark
// from U+2000–U+203F (E2 80 xx) collapses to a lone "β" (E2), and every four-byte emoji
// (F0 9F xx xx) to "π" (F0) plus at most one character from the upper half of ISO-8859-7.
// The lost bytes cannot be recovered, so the repair reads the punctuation from context.

/** Characters that ISO-8859-7 maps bytes 0xA0–0xBF to: the possible emoji leftovers. */
const UPPER_HALF_LEFTOVERS = new TextDecoder('iso-8859-7').decode(
  Uint8Array.from({ length: 0x20 }, (_, i) => 0xa0 + i),
);

const escapeForClass = (chars: string) => chars.replace(/[\\\]^-]/g, '\\$&');

/** "π" and its optional leftover byte, then any spaces: an emoji that was lost. */
const LOST_EMOJI = new RegExp(`π[${escapeForClass(UPPER_HALF_LEFTOVERS)}]?[ \\t]*`, 'gu');

export function repairMojibake(text: string): string {
  return (
    text
      // Emoji markers before headings carry no words: drop them.
      .replace(LOST_EMOJI, '')
      // Between two letters: an apostrophe ("Gyu-namβs" → "Gyu-nam’s").
      .replace(/(?<=\p{L})β(?=\p{L})/gu, '’')
      // Between spaces: a dash ("terrain β including" → "terrain — including").
      .replace(/(?<=\s)β(?=\s)/gu, '—')
      // Opening a word: a left double quote; closing one: a right double quote.
      .replace(/(?<=^|[\s(])β(?=\S)/gmu, '“')
      .replace(/(?<=\S)β/gu, '”')
  );
}
