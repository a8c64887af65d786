import { escapeHtml, jsonForScript, renderChatPage } from './chat-page.html';

describe('chat page HTML', () => {
  it('escapes text and attribute values', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('keeps the JSON data block closed whatever the values contain', () => {
    const json = jsonForScript({ name: '</script><script>alert(1)</script>', sep: '\u2028' });
    expect(json).not.toContain('</script>');
    expect(json).not.toContain('\u2028');
    expect(JSON.parse(json)).toEqual({ name: '</script><script>alert(1)</script>', sep: '\u2028' });
  });

  it('renders the contact line of the "not available" page as a link only for mailto and http(s)', () => {
    expect(renderChatPage({ kind: 'unavailable', supportContact: 'help@example.com' })).toContain('Contact <a href="mailto:help@example.com">help@example.com</a>.');
    expect(renderChatPage({ kind: 'unavailable', supportContact: 'https://help.example.com' })).toContain('<a href="https://help.example.com/" target="_blank" rel="noopener">https://help.example.com</a>');
    const text = renderChatPage({ kind: 'unavailable', supportContact: 'javascript:alert("x")' });
    expect(text).toContain('Contact javascript:alert(&quot;x&quot;).');
    expect(text).not.toContain('href="javascript');
  });

  it('renders the "couldn’t start" card with a reload link when the scripts are missing', () => {
    const html = renderChatPage({ kind: 'failed', name: 'Desk', supportContact: null, pageUrl: '/chat/abc' });
    expect(html).toContain('The chat couldn’t start');
    expect(html).toContain('<a class="btn" href="/chat/abc">Try again</a>');
    expect(html).not.toContain('<script');
  });
});
