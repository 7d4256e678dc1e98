// The answer as the CLI contract's and the JSON API's object (AnswerJson, src/model/answer.ts):
// the model's type, filled here, where links are checked before they leave.
import type { Answer, AnswerJson } from '../model/answer.js';
import { linkUrl } from '../http/safe-url.js';

export function toJson(a: Answer): AnswerJson {
  return {
    question: a.question,
    language: a.language,
    verdict: a.verdict,
    tools: a.tools.map((t) => ({
      id: t.id,
      name: t.name,
      status: t.status,
      verdict: t.verdict,
      conditions: t.conditions,
      reasons: t.reasons,
    })),
    contexts: a.contexts,
    category: a.category,
    unknownTool: a.unknownTool,
    text: a.text,
    // Only http(s) and mailto: links leave through the API (kb validate refuses others already).
    sources: a.sources.map(({ url, ...rest }) => (linkUrl(url) ? { ...rest, url: linkUrl(url) as string } : rest)),
    ...(a.evidence && a.evidence.length > 0 ? { evidence: a.evidence } : {}),
    ...(a.assumed ? { assumed: a.assumed } : {}),
    ...(a.ask && a.ask.length > 0 ? { ask: a.ask } : {}),
    ...(a.unexplained && a.unexplained.length > 0 ? { unexplained: a.unexplained } : {}),
  };
}
