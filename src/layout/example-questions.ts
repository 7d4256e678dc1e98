// Example questions a person could ask, from the knowledge base: the Slack assistant's suggested
// prompts and the web chat's landing page show the same ones. About the most-asked tools when usage
// counts are given, else about the catalogue's tools (one per category first) and a category with tools.
import { categoryLabels, type KnowledgeBase } from '../kb/model.js';
import type { Language } from '../model/language.js';
import { phrases } from '../phrases/index.js';

export interface ExampleQuestion {
  /** Short label (a tool or category name). */
  title: string;
  /** The question itself, as the engine understands it. */
  message: string;
}

/** Three to four example questions, in `lang`. */
export function exampleQuestions(kb: KnowledgeBase, lang: Language, popularToolIds: readonly string[] = []): ExampleQuestion[] {
  const p = phrases(lang).chat.assistant;
  const tools = [...kb.tools.values()];
  const chosen: typeof tools = [];
  for (const id of popularToolIds) {
    const tool = kb.tools.get(id);
    if (tool && !chosen.includes(tool)) chosen.push(tool);
    if (chosen.length === 2) break;
  }
  const byName = [...tools].sort((a, b) => a.name.localeCompare(b.name));
  const seenCategories = new Set(chosen.map((t) => t.category));
  for (const tool of byName) {
    if (chosen.length >= 2) break;
    if (!chosen.includes(tool) && !seenCategories.has(tool.category)) {
      chosen.push(tool);
      seenCategories.add(tool.category);
    }
  }
  for (const tool of byName) if (chosen.length < 2 && !chosen.includes(tool)) chosen.push(tool);

  const prompts: ExampleQuestion[] = chosen.map((t, i) => ({
    title: t.name,
    message: i === 0 ? p.askToolWithCitizens(t.name) : p.askTool(t.name),
  }));
  const usedCategories = new Set(tools.map((t) => t.category).filter((c): c is string => c !== undefined));
  for (const c of categoryLabels(kb, lang).filter((c) => usedCategories.has(c.id)).slice(0, 4 - prompts.length - 1)) {
    prompts.push({ title: c.label, message: p.askCategory(c.label) });
  }
  // A fourth question only where the catalogue has a third tool worth asking about.
  const third = byName.find((t) => !chosen.includes(t));
  if (prompts.length < 4 && third) prompts.push({ title: third.name, message: p.askTool(third.name) });
  return prompts.slice(0, 4);
}
