#!/usr/bin/env node
// The `compliance-bot` command. The young generation's growth is held before anything else loads
// (cli/start-up-heap.ts); the program and every module it imports load after that.
import './start-up-heap.js';

await import('./program.js');
