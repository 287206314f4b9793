# Every target installs what it needs, so each works on a fresh machine.
CONFORMANCE ?= ../shared/conformance/kyverno-policies

.PHONY: install build test run bench conformance lint clean

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

run: build
	node dist/src/cli/main.js apply --policy policies --resource examples/resources

conformance: build
	node dist/src/cli/main.js test $(CONFORMANCE) --baseline test/conformance-baseline.json

bench: build
	node dist/bench/engine.js

lint: install
	npm run lint

clean:
	rm -rf dist coverage
