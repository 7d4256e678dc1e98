// LLM cost bench: a repeated mix of ~200 staff questions (20 situations, each phrased several ways)
// through the engine and the summariser, against the fake OpenAI-compatible server on 127.0.0.1
// (which answers plausible texts with a `usage` field, ~4 characters a token). Prints the tokens per
// answer, the requests made and the cache hit rate. Run: node --import tsx bench/llm.ts
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEngine } from '../src/engine/engine.js';
import { loadKnowledgeBase } from '../src/kb/load.js';
import { childLogger } from '../src/logger.js';
import { createMemorySummaryCache } from '../src/llm/cache.js';
import { createSummarizer, type SummarizerStats } from '../src/llm/summarizer.js';
import { toolNamesOf } from '../src/llm/tool-names.js';
import { startFakeOpenAiServer, type RecordedRequest } from '../test/fakes/openai-server.js';

/** Twenty situations, each asked in several wordings (with personal data now and then). */
export const SITUATIONS: string[][] = [
  ['Darf ich Zoom mit Bürgern nutzen?', 'Zoom für Bürgergespräche erlaubt?', 'Kann ich mit Bürgerinnen über Zoom sprechen?'],
  ['May I use Zoom with citizens?', 'Can I talk to residents on Zoom?', 'Is Zoom OK for a call with citizens, e.g. Mr Smith?'],
  ['May I use Zoom for a confidential call?', 'Is Zoom allowed for confidential meetings?', 'Confidential call via Zoom with Ms Jones, ok?'],
  ['Darf ich Zoom für ein vertrauliches Gespräch nutzen?', 'Vertrauliche Besprechung per Zoom erlaubt?', 'Zoom für vertrauliche Inhalte mit Frau Meier?'],
  ['Darf ich Zoom mit besonders schutzbedürftigen Personen nutzen?', 'Zoom für Gespräche mit schutzbedürftigen Personen?'],
  ['Zoom für Gesundheitsdaten erlaubt?', 'Darf ich Gesundheitsdaten in Zoom besprechen?'],
  ['Darf ich Zoom intern nutzen?', 'Zoom für interne Besprechungen?', 'Interne Teambesprechung per Zoom erlaubt?'],
  ['May I use Zoom for internal meetings?', 'Zoom for an internal call?'],
  ['Can we use Teams?', 'Is Microsoft Teams allowed?', 'May I use MS Teams for a meeting?'],
  ['Darf ich Teams nutzen?', 'Ist Microsoft Teams erlaubt?', 'Dürfen wir MS Teams einsetzen?'],
  ['Ist Microsoft 365 freigegeben?', 'Darf ich Office 365 nutzen?', 'M365 erlaubt?'],
  ['Is Microsoft 365 approved?', 'May we use Office 365?'],
  ['Darf ich die lizenzierte Zoom-Version nutzen?', 'Zoom Pro erlaubt?', 'Zoom lizenziert nutzen?'],
  ['Is licensed Zoom allowed?', 'May I use Zoom Pro?'],
  ['Darf ich Quackmail nutzen?', 'Ist Quackmail erlaubt?', 'Quackmail für E-Mails an Herrn Müller?'],
  ['May I use Quackmail?', 'Is Quackmail approved?'],
  ['Welche Videokonferenzsysteme sind freigegeben?', 'Welche Videokonferenz darf ich nutzen?'],
  ['Which video conferencing tools are approved?', 'Which video call tools may I use?'],
  ['Darf ich Teams mit Bürgern nutzen? Rückruf unter 0171 1234567', 'Teams für Bürgergespräche?'],
  ['Hallo', 'Guten Morgen', 'Hello'],
];

export interface LlmBenchResult {
  questions: number;
  stats: SummarizerStats;
  /** Mean tokens per answer (all questions, including cache hits and fallbacks). */
  tokensPerAnswer: number;
  /** Mean tokens per LLM request. */
  tokensPerRequest: number;
  /** Cache hits / (cache hits + requests). */
  cacheHitRate: number;
  ms: number;
}

/** A deterministic mix: every wording at least once, then repeats drawn with a fixed seed. */
export function questionMix(total = 200, seed = 42): string[] {
  const all = SITUATIONS.flat();
  const mix = [...all];
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  while (mix.length < total) mix.push(all[Math.floor(next() * all.length)]!);
  return mix.slice(0, total);
}

/** What a reasonable model would answer: read the verdict and the tool from the prompt. */
export function plausibleReply(req: RecordedRequest): string {
  const user = req.body.messages?.find((m) => m.role === 'user')?.content ?? '';
  const german = /in German/.test(req.body.messages?.[0]?.content ?? '');
  const verdict = /"verdict": ?"(\w+)"/.exec(user)?.[1] ?? 'unknown';
  const name = /"name": ?"([^"]+)"/.exec(user)?.[1] ?? /"unknown_tool": ?"([^"]+)"/.exec(user)?.[1] ?? (german ? 'Das Tool' : 'The tool');
  const de: Record<string, string> = {
    allowed: `${name} ist geprüft und für diesen Einsatz freigegeben. Die Prüfung hat keine Bedenken ergeben.`,
    conditional: `${name} ist in dieser Situation unter Bedingungen erlaubt. Die Bedingungen ergeben sich aus der Datenschutz-Folgenabschätzung und sind unten aufgeführt.`,
    not_allowed: `${name} ist in dieser Situation nicht erlaubt. Die Einschränkungen des Eintrags schließen diesen Einsatz aus, weil die Aufsichtsbehörde Bedenken geäußert hat.`,
    pending: `${name} ist noch nicht freigegeben, weil die Prüfung noch läuft. Ob es freigegeben wird, steht erst nach Abschluss der Prüfung fest.`,
    unknown: `${name} wurde noch nicht geprüft und ist deshalb nicht freigegeben. Eine Prüfung kann beim IT-Servicedesk beantragt werden.`,
    list: 'Die Übersicht zeigt die geprüften Tools dieser Kategorie mit ihrem jeweiligen Stand.',
  };
  const en: Record<string, string> = {
    allowed: `${name} has been assessed and is approved for this use. The assessment raised no concerns.`,
    conditional: `${name} is allowed in this situation under conditions. They follow from the data protection impact assessment and are listed below.`,
    not_allowed: `${name} is not allowed in this situation. The restrictions of its entry exclude this use because the supervisory authority raised concerns.`,
    pending: `${name} is not approved yet because the assessment is still under way. Whether it will be approved is only known after the assessment.`,
    unknown: `${name} has not been assessed and is therefore not approved. An assessment can be requested from the IT service desk.`,
    list: 'The overview shows the assessed tools of this category with their current state.',
  };
  return (german ? de : en)[verdict] ?? (german ? de.unknown! : en.unknown!);
}

export async function runLlmBench(total = 200): Promise<LlmBenchResult> {
  const kb = await loadKnowledgeBase(fileURLToPath(new URL('../knowledge', import.meta.url)));
  const engine = createEngine(kb);
  const server = await startFakeOpenAiServer((req) => ({ content: plausibleReply(req) }));
  const logger = childLogger('llm-bench');
  logger.level = 'silent';
  const summarizer = createSummarizer({
    baseURL: server.baseURL,
    model: 'bench-model',
    cache: createMemorySummaryCache(),
    kbTools: () => toolNamesOf(kb),
    logger,
  });
  const started = performance.now();
  try {
    const questions = questionMix(total);
    for (const q of questions) await summarizer.summarize(engine.answer(q));
    const stats = summarizer.stats();
    return {
      questions: questions.length,
      stats,
      tokensPerAnswer: stats.totalTokens / questions.length,
      tokensPerRequest: stats.requests ? stats.totalTokens / stats.requests : 0,
      cacheHitRate: stats.cacheHits + stats.requests ? stats.cacheHits / (stats.cacheHits + stats.requests) : 0,
      ms: performance.now() - started,
    };
  } finally {
    await server.close();
  }
}

export function formatLlmBench(r: LlmBenchResult): string {
  const fallbacks = Object.entries(r.stats.fallbacks)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  return [
    'LLM summaries (fake OpenAI-compatible server, ~4 characters a token)',
    `  questions                 ${r.questions} (${SITUATIONS.length} situations, ${SITUATIONS.flat().length} wordings)`,
    `  LLM requests              ${r.stats.requests}`,
    `  cache hits                ${r.stats.cacheHits} (hit rate ${(r.cacheHitRate * 100).toFixed(1)} %)`,
    `  explanations shown        ${r.stats.explained}`,
    `  engine text instead       ${fallbacks || 'none'}`,
    `  tokens                    ${r.stats.totalTokens} (prompt ${r.stats.promptTokens}, completion ${r.stats.completionTokens})`,
    `  tokens per answer (mean)  ${r.tokensPerAnswer.toFixed(1)}`,
    `  tokens per LLM request    ${r.tokensPerRequest.toFixed(1)}`,
    `  time                      ${Math.round(r.ms)} ms`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(formatLlmBench(await runLlmBench()));
}
