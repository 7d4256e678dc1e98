// The MCP section of the phrase book: the few texts the MCP tools write themselves (answers come
// from the engine in the question's language).
export interface McpPhrases {
  /** The question rate limit (RATE_LIMIT_QUESTIONS) was reached. */
  rateLimited: (perMinute: number, retryAfterSeconds: number) => string;
  /** get_tool found nothing; `suggestions`: similar names joined with ", " ('' when none). */
  toolNotFound: (ref: string, suggestions: string) => string;
  /** get_tool: the entry in a line. */
  toolLine: (name: string, id: string, status: string) => string;
  /** list_tools / list_pending: heading over the lines, and the line for none. */
  toolCount: (n: number) => string;
  pendingCount: (n: number) => string;
  decisionExpected: (when: string) => string;
}
