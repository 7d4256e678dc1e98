// What a subscriber hears about: one tool, one category or every change.
export type Topic = { kind: 'tool'; id: string } | { kind: 'category'; id: string } | { kind: 'all' };
