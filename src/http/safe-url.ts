// Links shown in chat come from the knowledge base, which admins edit from chat: only web links
// (https:, http:) become links. Everything else (javascript:, data:, file: …) is dropped.

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
