// The normal form of an actor id (`slack:U012ABC`, `teams:<AAD object id>`), so that ADMINS and the
// ids the platforms send compare equal.

/** Normal form of an actor id: platform in lower case; Teams AAD object ids (GUIDs) in lower case too. */
export function normalizeActorId(id: string): string {
  const m = /^([^:]+):(.*)$/.exec(id.trim());
  if (!m) return id.trim();
  const platform = (m[1] as string).toLowerCase();
  const rest = m[2] as string;
  return `${platform}:${platform === 'teams' ? rest.toLowerCase() : rest}`;
}
