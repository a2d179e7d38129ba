import { describe, expect, it } from 'vitest';
import { MAX_ACTION_NESTING, nestingDepth, refuseActionBody } from '../../lib/net/action-guard.mjs';

// Server Action bodies are decoded by React before the action can check anything: a deeply
// nested argument overflowed the decoder's stack (a 500). server.mjs refuses those first.

const nested = (depth: number) => `[${'['.repeat(depth)}${']'.repeat(depth)}]`;

describe('the Server Action body guard', () => {
  it('counts nesting outside strings only', () => {
    expect(nestingDepth('[{"a":[1,2]}]', 100)).toBe(3);
    expect(nestingDepth('["[[[[[[", "\\"[[["]', 100)).toBe(1);
    expect(nestingDepth(nested(10), 100)).toBe(11);
  });

  it('refuses a body nested deeper than any form sends, at any depth, without recursing', () => {
    for (const depth of [MAX_ACTION_NESTING + 1, 5_000, 1_000_000]) {
      expect(refuseActionBody('text/plain;charset=UTF-8', Buffer.from(nested(depth)))).toEqual({
        status: 400,
        message: 'The request is nested too deeply to be a form.',
      });
    }
  });

  it('passes what the editor sends: a review with rich text 32 nodes deep', () => {
    let node: unknown = { type: 'text', text: 'deep [[[ {{{' };
    for (let i = 0; i < 32; i++) node = { type: 'blockquote', content: [node] };
    const body = JSON.stringify([
      { content: { sections: [{ body: { type: 'doc', content: [node] } }] } },
    ]);
    expect(refuseActionBody('text/plain;charset=UTF-8', Buffer.from(body))).toBeNull();
  });

  it('checks each JSON part of a multipart form, not plain fields or files', () => {
    const boundary = '----formdata-test';
    const form = (value: string, disposition = 'name="1_content"') =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; ${disposition}\r\n\r\n${value}\r\n--${boundary}--\r\n`,
      );
    const type = `multipart/form-data; boundary=${boundary}`;
    expect(refuseActionBody(type, form(nested(1_000)))?.status).toBe(400);
    expect(
      refuseActionBody(type, form('An article about [brackets] ' + '['.repeat(1_000))),
    ).toBeNull();
    expect(refuseActionBody(type, form(nested(1_000), 'name="file"; filename="a.txt"'))).toBeNull();
    expect(refuseActionBody('multipart/form-data', form('x'))?.status).toBe(400);
  });

  it('refuses a body over Next’s own limit', () => {
    expect(refuseActionBody('text/plain', Buffer.alloc(12 * 1024 * 1024))?.status).toBe(413);
  });
});
