// Node's own options as the process was given them (NODE_OPTIONS and the command line), for code
// that must respect an operator's choice of a V8 setting. Not a setting of the bot: it is not in
// CONFIG_VARIABLES. Imports nothing, so the start-up code can read it before anything else loads.

/** The Node and V8 options of this process, NODE_OPTIONS and the command line's together, as one string. */
export function nodeOptionsGiven(): string {
  return [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ');
}
