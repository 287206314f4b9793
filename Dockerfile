# Tollgate image (ghcr.io/tollgate/tollgate): `docker build -t ghcr.io/tollgate/tollgate:0.1.0 .`
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY bench bench
RUN npm run build && npm prune --omit=dev

# Distroless, non-root (uid 65532, as the Deployment expects); no shell.
FROM gcr.io/distroless/nodejs20-debian12:nonroot
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist/src dist/src
# `serve` reads policies/ by default: empty in the image, policies come from the cluster.
WORKDIR /app/policies
WORKDIR /app
USER 65532:65532
EXPOSE 9443
ENTRYPOINT ["/nodejs/bin/node", "dist/src/cli/main.js"]
CMD ["serve"]
