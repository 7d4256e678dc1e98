# compliance-bot: one instance. Several instances behind a load balancer share one Redis
# (STORAGE_URL=redis://…) and one knowledge folder: see compose.yaml and docs/deployment.md.
# Not built on the development machines (no Docker engine there): kept minimal on purpose.
#
#   docker build -t compliance-bot .
#   docker run -p 3000:3000 compliance-bot          # the web chat on http://localhost:3000

# Build: `npm ci` compiles sqlite3 from source (needs python3, make, g++) and, through the
# `prepare` script, the TypeScript into dist/ - so the sources go in before it. Then the dev
# dependencies go.
FROM node:24-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN npm ci && npm prune --omit=dev

# Run: compiled JavaScript only (dist/ holds src, adapters, server and cli: tsconfig.json compiles no
# test/ or bench/, which run through tsx), as the unprivileged `node` user.
FROM node:24-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/knowledge ./knowledge
# lexicon/: the built-in vocabulary (contexts and categories), read at start from the package root.
COPY --from=build /app/lexicon ./lexicon
# .cache/lexicon/: the dictionaries and lexicons compiled by `npm run build` (prepare), so a start
# loads them in milliseconds although the unprivileged user cannot write the cache here.
COPY --from=build /app/.cache ./.cache
# data/: the default SQLite file of a single instance (unused with STORAGE_URL=redis://…).
# .cache/kb/: the knowledge record cache (KB_CACHE_DIR), written by the server at its first start.
RUN mkdir -p data .cache/kb && chown node:node data knowledge knowledge/tools .cache/kb && chmod 700 .cache/kb
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# = `npm start`; SIGTERM lets requests in flight finish (graceful shutdown).
CMD ["node", "dist/cli/main.js", "serve"]
