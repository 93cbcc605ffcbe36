# policywire container image. See docs/operations.md.
#
# Three stages, so that the runtime image holds only production dependencies, the compiled dist/
# and the files the bot reads at run time (ADR 1: TypeScript is compiled at build time, never run
# with a loader):
#   deps    production node_modules, better-sqlite3 compiled for this Node (needs python3, make, g++)
#   build   every dependency (TypeScript), `npm run build` -> dist/
#   runtime node_modules from deps + dist/ from build, as the non-root `node` user
#
# Why not `npm ci && npm run build && npm prune --omit=dev` in one stage: `npm ci --omit=dev`
# gives the production tree straight from the lockfile (npm prune has had version-specific bugs
# that removed too much or too little), the native module is compiled once and only when the
# lockfile changes (not on every source edit), and the build stage needs no C++ toolchain.
#
# `--ignore-scripts` on both `npm ci` runs: package.json's `prepare` runs `tsc`, which is not
# installed with --omit=dev (and in the build stage we run the build ourselves, once). It also
# skips better-sqlite3's install script, so that one package is rebuilt explicitly: a prebuilt
# binary when one matches this Node and libc, else node-gyp with the toolchain installed here (and
# Node's headers, which node-gyp downloads).

ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS deps
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# After the native build only build/Release/better_sqlite3.node is needed: the SQLite sources and
# object files (~25 MB) are dropped, then the module is loaded once to prove it still works.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && npm rebuild better-sqlite3 \
  && cd node_modules/better-sqlite3 \
  && rm -rf deps src \
  && find build/Release -mindepth 1 -maxdepth 1 ! -name better_sqlite3.node -exec rm -rf {} + \
  && cd /app \
  && node -e "new (require('better-sqlite3'))(':memory:').close()"

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
# .dockerignore keeps node_modules, dist, data, .git, databases and .env out of this copy.
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
# MALLOC_ARENA_MAX=2: glibc otherwise gives each thread (the parse worker, libuv's pool) malloc
# arenas of its own that hold on to freed memory; measured 12-18 MB less resident at the peak.
ENV NODE_ENV=production \
  POLICYWIRE_DB=/data/policywire.db \
  HEALTH_HOST=0.0.0.0 \
  MALLOC_ARENA_MAX=2
WORKDIR /app
# Application files stay owned by root: the bot can read them, not change them. Only /data is its own.
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/feeds ./feeds
COPY --from=build /app/package.json ./package.json
# A new named volume takes this directory's owner, so the bot can create its database there.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
# Exits 0 when HEALTH_PORT is unset (the endpoint is off); else asks 127.0.0.1:HEALTH_PORT/livez.
# Node itself does the request: the slim image has no curl or wget.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "/app/dist/src/ops/healthcheck.js"]
# Node is PID 1 and handles SIGTERM itself (the poll in progress stops, the database is closed).
# The heap flags are the same as `npm start`'s (docs/operations.md, "Memory").
CMD ["node", "--max-old-space-size=160", "--max-semi-space-size=4", "dist/src/main.js"]
