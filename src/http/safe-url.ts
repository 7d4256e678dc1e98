// Links shown in chat come from the knowledge base, which admins edit from chat: only web links
// (https:, http:) become links, and mailto: links where a contact is written. Everything else
// (javascript:, data:, file: …) is dropped. `kb validate` refuses such links already (LinkUrl in
// src/kb/schema.ts); these checks keep answers and the API safe whatever a base holds.

/** The URL, normalised, when it is an absolute http(s) URL; undefined otherwise. */
export function webUrl(url: string | undefined | null): string | undefined {
  if (typeof url !== 'string') return undefined;
  const trimmed = url.trim();
  if (trimmed === '' || /[\u0000-\u001f\u007f]/.test(trimmed)) return undefined;
  try {
    const u = new URL(trimmed);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The link when it is an http(s) URL or a mailto: link to an address; undefined otherwise. */
export function linkUrl(url: string | undefined | null): string | undefined {
  if (typeof url === 'string' && /^mailto:[^\s<>"'\u0000-\u001f\u007f]+@[^\s<>"'\u0000-\u001f\u007f]+$/i.test(url.trim())) return url.trim();
  return webUrl(url);
}
