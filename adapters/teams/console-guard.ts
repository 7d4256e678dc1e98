// botbuilder prints to the console on rejected tokens (console.error of the error object, the
// signing keys, stack traces): lines outside the JSON log, sent by anyone who can reach the port.
// While a Teams adapter runs, console output coming from botbuilder's own files goes to the pino
// logger at debug level as the error's type only; everything else reaches the console unchanged.
import type { Logger } from '../../src/logger.js';

type ConsoleMethod = 'error' | 'warn' | 'log' | 'info';
const METHODS: ConsoleMethod[] = ['error', 'warn', 'log', 'info'];
const FROM_BOTBUILDER = /[\\/]node_modules[\\/](botbuilder[^\\/]*|botframework-[^\\/]+)[\\/]/;

let installed: { originals: Record<ConsoleMethod, (...args: unknown[]) => void>; loggers: Set<Logger> } | undefined;

/** The first stack frame outside this file: the caller of console.*. */
function callerIsBotbuilder(): boolean {
  const stack = new Error().stack ?? '';
  const frames = stack.split('\n').slice(1).filter((f) => !f.includes('console-guard'));
  return FROM_BOTBUILDER.test(frames[0] ?? '');
}

function describe(args: unknown[]): Record<string, unknown> {
  const err = args.find((a): a is Error => a instanceof Error);
  return { source: 'botbuilder', ...(err ? { errorType: err.name } : {}) };
}

/** Installs the filter (once per process); returns the function that removes this logger's use of it. */
export function guardBotbuilderConsole(logger: Logger): () => void {
  if (!installed) {
    const originals = Object.fromEntries(METHODS.map((m) => [m, console[m].bind(console)])) as Record<ConsoleMethod, (...args: unknown[]) => void>;
    const state = { originals, loggers: new Set<Logger>() };
    for (const m of METHODS) {
      console[m] = (...args: unknown[]) => {
        if (callerIsBotbuilder()) {
          const [first] = state.loggers;
          first?.debug(describe(args), 'botbuilder console output suppressed');
          return;
        }
        originals[m](...args);
      };
    }
    installed = state;
  }
  const state = installed;
  state.loggers.add(logger);
  return () => {
    state.loggers.delete(logger);
    if (state.loggers.size === 0 && installed === state) {
      for (const m of METHODS) console[m] = state.originals[m];
      installed = undefined;
    }
  };
}
