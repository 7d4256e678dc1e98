// Records of the layout before audit logs were kept per knowledge base go to the first knowledge
// base opened; the tools known now move at once, the rest when first read or written.
import type { AdminContext } from './context.js';

/** Resolves when the move is done or has failed (logged, retried when read); never rejects. */
export function adoptLegacyRecords({ options, kbId, log }: AdminContext): Promise<void> {
  if (!options.audit.adoptLegacy) return Promise.resolve();
  const known = options.knowledgeBase?.()?.tools.keys() ?? [];
  return options.audit.adoptLegacy(kbId, known).then(
    (r) => {
      if (r.moved > 0) log.info({ kb: kbId, moved: r.moved }, 'audit records of the old layout moved to this knowledge base');
    },
    (err: Error) => log.warn({ err: { type: err.name, message: err.message } }, 'audit records of the old layout not moved yet (retried when read)'),
  );
}
