# One image for the api (which also serves the built web app), the worker and the one-shot migration;
# docker-compose.yml runs it with three commands (npm run start:api | start:worker | db:deploy).
# Node 24 runs the TypeScript sources through tsx, as in development; the web app and the workflow code
# are built here, ahead. Linted by hadolint in tests/unit/dockerfile-lint.test.ts.
ARG NODE_VERSION=24.21.0

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# npm 11.19 as in development: dependencies' install scripts run only where package.json's
# allowScripts allows them (blocked by default; the Prisma engines' download is refused).
RUN npm install --global --no-audit --no-fund npm@11.19.1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The Prisma client (offline generation), the Vue app (web/dist, served by the api) and the workflow
# bundle (dist/workflow-bundle.js, loaded by the worker: WORKFLOW_BUNDLE_PATH), then the dev tools out.
RUN npm run db:generate \
 && npm run build:web \
 && npm run build:workflows \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    APP_MODE=production \
    DATA_DIR=/data \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# The code stays root's (read-only for the app); only /data (files, Pégase admission files) is writable.
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# The api's readiness; docker-compose.yml turns it off for the worker and the migration (no HTTP port).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "run", "start:api"]
