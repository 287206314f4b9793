# Every target installs what it needs, so each works on a fresh machine.
CONFORMANCE ?= ../shared/conformance/kyverno-policies

.PHONY: install build test run bench conformance lint clean deploy-manifests

# `npm install` honours package-lock.json; `npm ci` is avoided because npm 11 writes lock files without the
# other platforms' optional binaries (swc, unrs) and then refuses them as out of sync.
node_modules/.installed: package.json package-lock.json
	npm install --no-audit --no-fund
	@touch $@

install: node_modules/.installed

build: install
	npm run build

test: install
	npm test

# The admission webhook on https://0.0.0.0:9443 with the policies in policies/ and a self-signed certificate
# generated in memory (its CA fingerprint is logged); Ctrl-C shuts it down gracefully.
run: build
	node dist/src/cli/main.js serve --policies policies --port 9443

conformance: build
	node dist/src/cli/main.js test $(CONFORMANCE) --baseline test/conformance-baseline.json

bench: build
	node dist/bench/engine.js
	node dist/bench/server.js

lint: install
	npm run lint

# deploy/: the CRDs from the policy schema, then (once) a CA and serving certificate from `tollgate certs`, then the
# webhook configurations for policies/ with that CA. deploy/generated/ holds the key material and is not committed.
DEPLOY_CERTS := deploy/generated
deploy-manifests: build
	node scripts/generate-crds.js deploy
	@test -f $(DEPLOY_CERTS)/ca.crt || node dist/src/cli/main.js certs --out $(DEPLOY_CERTS) --service tollgate --namespace tollgate
	node dist/src/cli/main.js webhook-config --policies policies --ca $(DEPLOY_CERTS)/ca.crt --namespace tollgate --service tollgate > $(DEPLOY_CERTS)/webhooks.yaml.tmp
	mv $(DEPLOY_CERTS)/webhooks.yaml.tmp $(DEPLOY_CERTS)/webhooks.yaml

clean:
	rm -rf dist coverage
