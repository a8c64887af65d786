/**
 * The support contact (`ATRIUM_SUPPORT_CONTACT`) as a link when it is an email
 * address or an http(s) URL, else as plain text. Shared by the server-rendered
 * page and the browser code, so both show it alike.
 */
export interface ContactLink {
  text: string;
  /** `mailto:` or `http(s):` only; never another scheme. */
  href?: string;
}

const EMAIL = /^[^\s@<>"'()]+@[^\s@<>"'()]+\.[^\s@<>"'()]+$/;

export function contactLink(value: string): ContactLink {
  const text = value.trim();
  const bare = text.replace(/^mailto:/i, '');
  if (EMAIL.test(bare)) return { text: bare, href: `mailto:${bare}` };
  if (/^https?:\/\/\S+$/i.test(text)) {
    try {
      const url = new URL(text);
      if (url.protocol === 'http:' || url.protocol === 'https:') return { text, href: url.href };
    } catch {
      // not a URL after all: plain text
    }
  }
  return { text };
}
