// Kept for the modules that import it: the phrase book lives in src/phrases/.
export { PHRASES as MESSAGES, phrases as messages, type Phrases as Messages } from './phrases/index.js';
