// Whether two words are at most one edit apart (insertion, deletion, substitution, or a swap of two
// neighbouring letters). Linear and allocation-free: it runs for every typo candidate of every
// question, where a full distance matrix per pair would cost more than the rest of the answer.

export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  // The common start and the common end; what differs lies between (no substrings are made).
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  let ea = la;
  let eb = lb;
  while (ea > i && eb > i && a.charCodeAt(ea - 1) === b.charCodeAt(eb - 1)) {
    ea--;
    eb--;
  }
  const restA = ea - i;
  const restB = eb - i;
  if (la === lb) {
    // One substitution, or one swap of neighbours ("mircosoft" / "microsoft").
    if (restA <= 1) return true;
    return restA === 2 && a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i);
  }
  // One insertion or deletion: the extra letter of the longer word is all that differs.
  return restA + restB === 1;
}
