// Holds V8's young generation at its initial size while the server starts. Start-up builds
// long-lived structures (the catalogue, the compiled lexicons, the loaded modules); with V8's
// default each scavenge that finds most objects alive doubles the young generation, which reached
// its maximum (32 MB, nearly all of it unused after start) and is not given back while the server
// idles. With growth held, those structures move to the old generation at the first scavenges that
// find them alive, where they would end up anyway. Once the server listens, growth is V8's default
// again, so under load the young generation grows as in any Node process.
// cli/main.ts imports this module before the program, so the hold covers the loading of every
// module of `serve`.
// Set at run time (`v8.setFlagsFromString`), the factor takes effect; measured on Node 20, the same
// flag on the command line did not stop the growth.
import v8 from 'node:v8';
import { nodeOptionsGiven } from '../src/config/node-options.js';

/** V8's default `--semi-space-growth-factor` (unchanged in Node 20 to 24). */
const V8_DEFAULT_GROWTH_FACTOR = 2;

/** An operator who sizes the young generation (NODE_OPTIONS or node's arguments) keeps their choice. */
function operatorSizesYoungGeneration(): boolean {
  return /semi[-_]space/.test(nodeOptionsGiven());
}

const held = process.argv[2] === 'serve' && !operatorSizesYoungGeneration();
if (held) v8.setFlagsFromString('--semi-space-growth-factor=1');

/** Lets the young generation grow as V8 decides again; `serve` calls it once the server listens. */
export function releaseYoungGeneration(): void {
  if (held) v8.setFlagsFromString(`--semi-space-growth-factor=${V8_DEFAULT_GROWTH_FACTOR}`);
}
