# podqa's bot as a container (docs/hosting.md). Three stages: production dependencies, the compiled
# JavaScript, and the runtime image with only those two, run as the unprivileged `node` user.
ARG NODE_IMAGE=node:20-bookworm-slim

# Production dependencies only. Build tools are here in case a native module (such as the SQLite
# driver) has no prebuilt binary for the platform; none of them reaches the runtime image.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# The compiled bot: every dependency (TypeScript is a dev dependency), then `npm run build` → dist/.
# Install scripts are skipped: compiling runs none of the native code they would fetch or build.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    METRICS_PORT=9464
WORKDIR /app
# package.json says the compiled files are ES modules; scripts/run.js serves `npm run ask` and the
# other terminal commands inside the container (without src/ it never compiles).
COPY package.json ./
COPY scripts ./scripts
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The bundled episodes seed an empty volume (Docker copies the image's /data into a new named volume);
# the index, feeds' state and the database are written beside them at run time.
COPY --chown=node:node data/episodes /data/episodes
COPY --chown=node:node data/aliases.json /data/aliases.json
RUN chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 9464
# 200 once the bot is online, 503 while it starts or has lost the gateway. Node's own fetch: the slim
# image has no curl. The start period covers loading (or building) the index.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.METRICS_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself, not npm, is the main process, so SIGTERM reaches the bot (it logs out and exits 0).
CMD ["node", "dist/discord/main.js"]
