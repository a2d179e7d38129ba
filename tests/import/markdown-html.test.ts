import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { reviewContentSchema } from '../../lib/content/review-content';
import { validateRichText } from '../../lib/content/rich-text/validate';
import { importArticle, sectionText } from '../../lib/import';

/** Every string inside a value, however deeply nested. */
function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

/** The marks on the text nodes of a body, as "text:mark,mark". */
function markedRuns(body: JSONContent): string[] {
  const out: string[] = [];
  const walk = (node: JSONContent) => {
    if (node.type === 'text' && node.marks?.length)
      out.push(
        `${node.text}:${node.marks
          .map((mark) => (mark.type === 'link' ? `link=${String(mark.attrs?.href)}` : mark.type))
          .join(',')}`,
      );
    node.content?.forEach(walk);
  };
  walk(body);
  return out;
}

const credits = (content: ReturnType<typeof importArticle>['content']) =>
  content.credits.map(({ name, role, character }) => [name, role, character]);

// Clean text in several languages next to text broken in each way the importer repairs.
const MARKDOWN = `# Parasite (2019): Bong Joon-hoâ€™s Razor-Sharp Satire

*A family of grifters, a house on a hill, and a **basement** nobody mentions.*

Directed by Bong Joon-ho and starring Song Kang-ho, Lee Sun-kyun and Cho Yeo-jeong, this black comedy thriller won the Palme dâ€™Or. Read [the interview](https://example.com/bong) or [this](javascript:alert(1)).

## 🎬 Plot Summary

The Kim family lives in a semi-basement â€” and then a job comes along. CafÃ© culture, dÃ©jÃ vu.

## π Main Cast

- Song Kang-ho as Kim Ki-taek
- Lee Sun-kyun as Park Dong-ik
- Cho Yeo-jeong as Park Yeon-kyo

Η ταινία είναι «αριστούργημα». 정말 최고의 영화. 非常好看。C’est très réussi — « magnifique ».

## Cinematography

The cinematography by Hong Kyung-pyo is precise; the score by Jung Jae-il is playful. Ξ±Ξ»Ξ·ΞΈΞ¬ means true.

### The staircase

Stairs *everywhere*, and **always** up or down.

## Ending Explained (Spoilers)

> The rock was never a blessing.

## Verdict

1. See it.
2. See it again.

![still](https://example.com/still.jpg)
`;

describe('a Markdown article', () => {
  const result = importArticle({ text: MARKDOWN, fileName: 'parasite.md' });
  const { content } = result;

  it('is read as Markdown and passes the content schema', () => {
    expect(result.format).toBe('markdown');
    expect(reviewContentSchema.safeParse(content).success).toBe(true);
  });

  it('finds the headline, dek, work, sections, credits and genres', () => {
    expect(content.headline).toBe('Parasite (2019): Bong Joon-ho’s Razor-Sharp Satire');
    expect(content.dek).toBe(
      'A family of grifters, a house on a hill, and a basement nobody mentions.',
    );
    expect(content.work).toMatchObject({ title: 'Parasite', year: 2019, kind: 'film' });
    expect(content.sections.map((s) => [s.kind, s.heading, s.spoiler])).toEqual([
      ['custom', '', false],
      ['plot', 'Plot Summary', false],
      ['cast', 'Main Cast', false],
      ['direction', 'Cinematography', false],
      ['custom', 'Ending Explained (Spoilers)', true],
      ['verdict', 'Verdict', false],
    ]);
    expect(credits(content)).toEqual([
      ['Bong Joon-ho', 'director', null],
      ['Song Kang-ho', 'cast', 'Kim Ki-taek'],
      ['Lee Sun-kyun', 'cast', 'Park Dong-ik'],
      ['Cho Yeo-jeong', 'cast', 'Park Yeon-kyo'],
      ['Hong Kyung-pyo', 'cinematographer', null],
      ['Jung Jae-il', 'composer', null],
    ]);
    expect(content.genres.map((g) => g.name)).toEqual(['Satire', 'Black comedy', 'Thriller']);
  });

  it('repairs the broken text and leaves the clean text as it was', () => {
    const words = allStrings(content).join('\n');
    expect(words).not.toMatch(/â€|Ã|Ξ±|π/);
    expect(words).toContain('semi-basement — and then');
    expect(words).toContain('Café culture, déjà vu.');
    expect(words).toContain('αληθά means true');
    expect(words).toContain(
      'Η ταινία είναι «αριστούργημα». 정말 최고의 영화. 非常好看。C’est très réussi — « magnifique ».',
    );
  });

  it('keeps lists, sub-headings, quotes, bold, italic and safe links', () => {
    const [intro, , cast, style, ending, verdict] = content.sections;
    expect(markedRuns(intro!.body)).toEqual(['the interview:link=https://example.com/bong']);
    expect(sectionText(intro!.body)).toContain('Read the interview or this.');
    expect(cast!.body.content?.[0]?.type).toBe('bulletList');
    expect(style!.body.content?.map((node) => [node.type, node.attrs?.level])).toEqual([
      ['paragraph', undefined],
      ['heading', 3],
      ['paragraph', undefined],
    ]);
    expect(markedRuns(style!.body)).toEqual(['everywhere:italic', 'always:bold']);
    expect(ending!.body.content?.[0]?.type).toBe('blockquote');
    expect(verdict!.body.content?.[0]?.type).toBe('orderedList');
  });

  it('says what it left out and what it repaired', () => {
    const what = result.warnings.map((w) => w.what).join('\n');
    expect(what).toMatch(/Left out a link to “javascript:alert\(1\)”/);
    expect(what).toMatch(/Images and embedded media are not imported/);
    expect(what).toMatch(/Repaired: “â€™” → “’”/);
    expect(what).toMatch(/Dropped: “## π Main” → “## Main”/);
  });
});

const HTML = `<!doctype html>
<html><head><title>The Handmaiden (2016) review | Old Blog</title>
<style>p { color: red }</style><script>alert('head')</script></head>
<body>
<nav><a href="/">Home</a> <a href="/reviews">Reviews</a></nav>
<article>
<header><p class="kicker">FILM REVIEW</p><h1>The Handmaiden (2016): A Gothic Con in Three Acts</h1></header>
<p onclick="steal()">Park Chan-wookâ€™s erotic <em>psychological thriller</em>, written by Park Chan-wook and Chung Seo-kyung, is a puzzle box.</p>
<p>It plays with <a href="https://example.com/a" onclick="evil()" target="_top">a link</a>, <a href="  JaVaScRiPt:alert(1)">a trap</a>, <a href="data:text/html,x">another</a> and <a href="mailto:editor@example.com">mail</a>.<img src="x" onerror="alert(1)"></p>
<h2>ðŸŽ¬ Story</h2>
<p>Sook-hee is hired as a maid. Ξ±Ξ»Ξ·ΞΈΞ¬ is Greek, broken; Η ταινία είναι καλή is Greek, clean. 정말 좋아요. 很好。</p>
<h2>Performances</h2>
<ul><li><strong>Kim Min-hee</strong> as Lady Hideko</li><li>Kim Tae-ri as Sook-hee</li><li>Ha Jung-woo as Count Fujiwara<ul><li>nested</li></ul></li></ul>
<h3>A sub point</h3><p>Deep &amp; <b>bold</b>, <i>italic</i> and <b><i>both</i></b>; &Atilde;&copy; is broken too.</p>
<h4>Deeper still</h4>
<h2>Where to Watch</h2>
<p>Streaming now.<br>Line two.</p>
<table><tr><th>Year</th><th>Award</th></tr><tr><td>2016</td><td>Best Art Direction</td></tr></table>
<h2>Ending Explained (Spoilers)</h2>
<blockquote><p>A quote.</p></blockquote>
<hr>
<p>The cinematography by Chung Chung-hoon and music by Jo Yeong-wook.</p>
<iframe src="https://evil.example"></iframe><form><input name="x"></form>
</article>
<aside>Related posts</aside>
<footer>© Old Blog</footer>
</body></html>`;

describe('an HTML article', () => {
  const result = importArticle({ text: HTML, fileName: 'handmaiden.html' });
  const { content } = result;

  it('is read as HTML and passes the content schema', () => {
    expect(result.format).toBe('html');
    expect(reviewContentSchema.safeParse(content).success).toBe(true);
    for (const section of content.sections) expect(validateRichText(section.body).ok).toBe(true);
  });

  it('finds the headline under its label, the work, the sections and the credits', () => {
    expect(content.headline).toBe('The Handmaiden (2016): A Gothic Con in Three Acts');
    expect(content.dek).toBe(
      'Park Chan-wook’s erotic psychological thriller, written by Park Chan-wook and Chung Seo-kyung, is a puzzle box.',
    );
    expect(content.work).toMatchObject({ title: 'The Handmaiden', year: 2016, kind: 'film' });
    expect(content.genres.map((g) => g.name)).toEqual(['Psychological thriller']);
    expect(content.sections.map((s) => [s.kind, s.heading, s.spoiler])).toEqual([
      ['custom', '', false],
      ['plot', 'Story', false],
      ['cast', 'Performances', false],
      ['availability', 'Where to Watch', false],
      ['custom', 'Ending Explained (Spoilers)', true],
    ]);
    expect(credits(content)).toEqual([
      ['Kim Min-hee', 'cast', 'Lady Hideko'],
      ['Kim Tae-ri', 'cast', 'Sook-hee'],
      ['Ha Jung-woo', 'cast', 'Count Fujiwara'],
      ['Park Chan-wook', 'writer', null],
      ['Chung Seo-kyung', 'writer', null],
      ['Chung Chung-hoon', 'cinematographer', null],
      ['Jo Yeong-wook', 'composer', null],
    ]);
  });

  it('keeps safe links, bold and italic, lists, headings, breaks, quotes and rules', () => {
    const [intro, , cast, watch, ending] = content.sections;
    expect(markedRuns(intro!.body)).toEqual([
      'a link:link=https://example.com/a',
      'mail:link=mailto:editor@example.com',
    ]);
    expect(markedRuns(cast!.body)).toEqual([
      'Kim Min-hee:bold',
      'bold:bold',
      'italic:italic',
      'both:bold,italic',
    ]);
    expect(sectionText(cast!.body)).toBe(
      '- Kim Min-hee as Lady Hideko\n- Kim Tae-ri as Sook-hee\n- Ha Jung-woo as Count Fujiwara\n  - nested\n\nA sub point\n\nDeep & bold, italic and both; é is broken too.\n\nDeeper still',
    );
    expect(cast!.body.content?.slice(1).map((node) => [node.type, node.attrs?.level])).toEqual([
      ['heading', 3],
      ['paragraph', undefined],
      ['heading', 4],
    ]);
    expect(watch!.body.content?.[0]?.content?.map((node) => node.type)).toEqual([
      'text',
      'hardBreak',
      'text',
    ]);
    expect(sectionText(watch!.body)).toContain('Year | Award\n\n2016 | Best Art Direction');
    expect(ending!.body.content?.map((node) => node.type)).toEqual([
      'blockquote',
      'horizontalRule',
      'paragraph',
    ]);
  });

  it('keeps no script, style, event handler, form, frame, image or page chrome', () => {
    const json = JSON.stringify(content);
    for (const gone of [
      'alert',
      'color: red',
      'steal',
      'evil',
      'onerror',
      'onclick',
      'iframe',
      'javascript',
      'JaVaScRiPt',
      'data:',
      'Related posts',
      'Old Blog',
      'Home',
      '_top',
    ])
      expect(json).not.toContain(gone);
    // The unsafe links' words stay, as plain text.
    expect(sectionText(content.sections[0]!.body)).toBe(
      'It plays with a link, a trap, another and mail.',
    );
  });

  it('repairs broken text, including text written as character references', () => {
    const words = allStrings(content).join('\n');
    expect(words).not.toMatch(/â€|Ã|ðŸ|Ξ±/);
    expect(words).toContain('αληθά is Greek, broken');
    expect(words).toContain('Η ταινία είναι καλή is Greek, clean. 정말 좋아요. 很好。');
    const where = result.warnings.map((w) => w.where);
    expect(where).toContain('line 8');
    expect(result.warnings.map((w) => w.what).join('\n')).toMatch(
      /label above the headline(.|\n)*Left out a link to “JaVaScRiPt:alert\(1\)”(.|\n)*Left out a link to “data:text\/html,x”(.|\n)*Images and embedded media(.|\n)*Repaired: “ðŸŽ¬” → “🎬”/,
    );
  });

  it('falls back to the page title for the headline', () => {
    const page = importArticle(
      {
        text: '<html><head><title>Burning (2018) review | Old Blog</title></head><body><p>A long first paragraph that is certainly a sentence. It goes on.</p><h2>Plot</h2><p>Text.</p></body></html>',
      },
      { format: 'html' },
    );
    expect(page.content.headline).toBe('Burning (2018) review');
    expect(page.content.work).toMatchObject({ title: 'Burning', year: 2018 });
  });

  it('survives hostile nesting within the body limits', () => {
    const deep = `<h1>Deep</h1><h2>Plot</h2>${'<ul><li>'.repeat(3000)}bottom${'</li></ul>'.repeat(3000)}${'<b>'.repeat(5000)}bold${'</b>'.repeat(5000)}`;
    const imported = importArticle({ text: deep }, { format: 'html' });
    expect(reviewContentSchema.safeParse(imported.content).success).toBe(true);
    expect(sectionText(imported.content.sections[0]!.body)).toContain('bottom');
    expect(sectionText(imported.content.sections[0]!.body)).toContain('bold');
  });

  it('splits a section too long for one body into several', () => {
    const paragraphs = Array.from(
      { length: 4000 },
      (_, i) => `<p>Paragraph ${i} has words in it, quite a few of them, to fill the body.</p>`,
    ).join('');
    const imported = importArticle({ text: `<h1>Long (2020)</h1><h2>Plot</h2>${paragraphs}` });
    const headings = imported.content.sections.map((s) => s.heading);
    expect(headings.length).toBeGreaterThan(1);
    expect(headings.slice(1).every((h) => h === 'Plot (continued)')).toBe(true);
    expect(imported.warnings.map((w) => w.what)).toContainEqual(expect.stringMatching(/split in/));
  });
});
