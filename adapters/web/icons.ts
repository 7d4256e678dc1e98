// The web chat's icons: inline SVG, so they render without any emoji font (common on Linux
// desktops in public administration). Slack and Teams keep their emoji markers.
import type { Verdict } from '../../src/model/answer.js';

type IconName = Verdict | 'warning';

// 20×20 drawings; fill and stroke are presentation attributes (the CSP allows no inline styles).
const SHAPES: Record<IconName, string> = {
  allowed: '<circle cx="10" cy="10" r="9" fill="#1e7b34"/><path d="M5.5 10.5l3 3 6-7" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>',
  conditional: '<path d="M10 1.5L19 18H1z" fill="#b26a00"/><path d="M10 7v5" stroke="#fff" stroke-width="2.2" stroke-linecap="round"/><circle cx="10" cy="15" r="1.3" fill="#fff"/>',
  confirm: '<circle cx="10" cy="10" r="9" fill="#b26a00"/><path d="M7.5 7.5a2.5 2.5 0 1 1 3.6 2.2c-.8.4-1.1.9-1.1 1.8" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round"/><circle cx="10" cy="14.8" r="1.2" fill="#fff"/>',
  not_allowed: '<circle cx="10" cy="10" r="9" fill="#b3261e"/><path d="M5.5 10h9" stroke="#fff" stroke-width="2.6" stroke-linecap="round"/>',
  pending: '<circle cx="10" cy="10" r="9" fill="#1a56b8"/><path d="M10 5v5.5l3.5 2" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>',
  unknown: '<circle cx="10" cy="10" r="9" fill="#5f6368"/><path d="M7.5 7.5a2.5 2.5 0 1 1 3.6 2.2c-.8.4-1.1.9-1.1 1.8" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round"/><circle cx="10" cy="14.8" r="1.2" fill="#fff"/>',
  unclear: '<path d="M3 3h14a1 1 0 0 1 1 1v9a1 1 0 0 1-1 1H9l-4 4v-4H3a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z" fill="#5f6368"/><circle cx="6.5" cy="8.5" r="1.2" fill="#fff"/><circle cx="10" cy="8.5" r="1.2" fill="#fff"/><circle cx="13.5" cy="8.5" r="1.2" fill="#fff"/>',
  list: '<rect x="1" y="1" width="18" height="18" rx="2" fill="#5f6368"/><path d="M5 6h10M5 10h10M5 14h10" stroke="#fff" stroke-width="2" stroke-linecap="round"/>',
  warning: '<path d="M10 1.5L19 18H1z" fill="#8a5a00"/><path d="M10 7v5" stroke="#fff" stroke-width="2.2" stroke-linecap="round"/><circle cx="10" cy="15" r="1.3" fill="#fff"/>',
};

/**
 * An icon. With `label` it is an image with that text alternative; without, it is decoration next
 * to words that say the same (a screen reader then reads the words once).
 */
export function icon(name: IconName, label?: string): string {
  const a11y = label === undefined ? 'aria-hidden="true" focusable="false"' : `role="img" aria-label="${label.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}"`;
  return `<svg class="icon" viewBox="0 0 20 20" width="20" height="20" ${a11y}>${SHAPES[name]}</svg>`;
}
