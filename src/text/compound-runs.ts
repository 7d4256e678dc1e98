// Reading a German compound by its parts when the splitter cut it finer than the words a list holds:
// "Radwegeausbau" is split "rad|wege|ausbau", but the neutral words know "Radweg" and "Ausbau".

/**
 * The parts, in order, fall into runs of neighbours each of which, written together, passes `ok`
 * ("rad" + "wege" as "radwege"). A run of one part is the part itself, so this is never stricter
 * than asking each part.
 */
export function coveredInRuns(parts: readonly string[], ok: (joined: string) => boolean): boolean {
  const reach = [true, ...parts.map(() => false)];
  for (let end = 1; end <= parts.length; end++) {
    for (let start = 0; start < end && !reach[end]; start++) reach[end] = reach[start] === true && ok(parts.slice(start, end).join(''));
  }
  return reach[parts.length] === true;
}
