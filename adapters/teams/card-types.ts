// The shape of an Adaptive Card as this adapter builds it (render.ts and request-card.ts).
import type { Language } from '../../src/model/language.js';

/** One element of a card body (TextBlock, Container, FactSet, ActionSet ...). */
export type CardElement = { type: string } & Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  lang: Language;
  fallbackText: string;
  body: CardElement[];
  actions?: CardElement[];
  msteams: { width: 'Full' };
}
