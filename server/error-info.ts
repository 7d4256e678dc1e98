// What of an error goes into a log line: its type and message (never a stack with data in it).
export function errorInfo(err: unknown): { type: string; message: string } {
  return err instanceof Error ? { type: err.name, message: err.message } : { type: typeof err, message: String(err) };
}
