/**
 * Messages are plain text. Rendering splits them into text and link segments; the
 * component prints text through React (which escapes it) and turns only http(s) URLs
 * into links. No HTML from a message is ever interpreted.
 */
export type MessageSegment =
  { type: 'text'; text: string } | { type: 'link'; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence rather than the URL.
const TRAILING = /[.,;:!?)\]}]+$/;

export function splitMessage(body: string): MessageSegment[] {
  const segments: MessageSegment[] = [];
  let last = 0;
  for (const match of body.matchAll(URL_PATTERN)) {
    const start = match.index;
    const url = match[0].replace(TRAILING, '');
    const href = safeHref(url);
    if (!href) continue;
    if (start > last) segments.push({ type: 'text', text: body.slice(last, start) });
    segments.push({ type: 'link', text: url, href });
    last = start + url.length;
  }
  if (last < body.length) segments.push({ type: 'text', text: body.slice(last) });

  return segments;
}

/** The URL re-serialised by the URL parser, if and only if it is http or https. */
export function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);

    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
