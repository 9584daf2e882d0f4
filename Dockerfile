# One image for the api (which also serves the built web app) and the worker; docker-compose.yml
# runs it with different commands. Node 24 runs the TypeScript sources through tsx, as in development.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# Prisma client (offline generation) and the Vue app (web/dist, served by the api).
RUN npm run db:generate && npm run build:web && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    APP_MODE=production \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# docker-compose.yml overrides this for the worker and the one-shot migration.
CMD ["npm", "run", "start:api"]
