import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { MessageBody } from '@/components/referrals/message-body';
import { safeHref, splitMessage } from '@/lib/messages/render-message';

const render = (body: string) => renderToStaticMarkup(createElement(MessageBody, { body }));

describe('message rendering', () => {
  it('prints a script tag as inert text', () => {
    const html = render('<script>alert(1)</script><img src=x onerror=alert(2)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
  });

  it('never links javascript:, data: or vbscript: URLs', () => {
    const html = render('javascript:alert(1) data:text/html,<b>x</b> vbscript:msgbox');
    expect(html).not.toContain('<a');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,hi')).toBeNull();
  });

  it('links http and https URLs with a safe rel and a new tab', () => {
    const html = render('See https://example.test/x?a=1&b=2. Thanks');
    expect(html).toContain(
      '<a href="https://example.test/x?a=1&amp;b=2" target="_blank" rel="noopener noreferrer nofollow">https://example.test/x?a=1&amp;b=2</a>',
    );
    expect(html).toContain('<span>. Thanks</span>');
  });

  it('cannot break out of the href attribute with quotes', () => {
    const html = render('https://example.test/"onmouseover="alert(1)');
    expect(html).not.toMatch(/onmouseover="alert/);
    expect(html).toContain('href="https://example.test/"');
  });

  it('keeps the text around links whole and in order', () => {
    expect(splitMessage('a http://x.test b')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'link', text: 'http://x.test', href: 'http://x.test/' },
      { type: 'text', text: ' b' },
    ]);
  });
});
