import { contactLink } from './contact';

describe('contactLink', () => {
  it('links email addresses and http(s) URLs, and keeps anything else as text', () => {
    expect(contactLink('it-help@example.com')).toEqual({ text: 'it-help@example.com', href: 'mailto:it-help@example.com' });
    expect(contactLink(' mailto:desk@example.com ')).toEqual({ text: 'desk@example.com', href: 'mailto:desk@example.com' });
    expect(contactLink('https://help.example.com/chat')).toEqual({ text: 'https://help.example.com/chat', href: 'https://help.example.com/chat' });
    expect(contactLink('the IT service desk (ext. 4242)')).toEqual({ text: 'the IT service desk (ext. 4242)' });
  });

  it('never makes a link of another scheme', () => {
    expect(contactLink('javascript:alert(1)')).toEqual({ text: 'javascript:alert(1)' });
    expect(contactLink('data:text/html,hi')).toEqual({ text: 'data:text/html,hi' });
    expect(contactLink('"><script>@x.y')).toEqual({ text: '"><script>@x.y' });
  });
});
