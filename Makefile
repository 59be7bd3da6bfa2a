# danvan — see README.md. `make run` starts everything on the embedded default; `make test` runs
# every test against real PostgreSQL, Redis and MinIO (see README for the environment).
GO          ?= go
BIN         ?= bin/danvan
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
PKGS        ?= ./...

.PHONY: run build test lint vet fmt-check staticcheck layering bench generate migration clean

run: build
	@$(BIN) migrate up
	@$(BIN) seed demo
	@$(BIN) serve

build:
	CGO_ENABLED=0 $(GO) build -trimpath -o $(BIN) ./cmd/danvan

test: lint
	CGO_ENABLED=0 $(GO) test -count=1 -p 2 -timeout 30m $(PKGS)

lint: fmt-check vet staticcheck layering

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

staticcheck:
	$(GO) run $(STATICCHECK) $(PKGS)

# The one-way imports of ARCHITECTURE.md (internal/archtest): no echo in domain packages, no ent
# entity packages or app in areas, nothing below cmd imports internal/app.
layering:
	$(GO) test -count=1 ./internal/archtest/

bench:
	CGO_ENABLED=0 $(GO) test -run '^$$' -bench . -benchmem -count=1 $(PKGS)

generate:
	$(GO) generate ./ent

# make migration NAME=add_units — writes ent/migrate/migrations/{postgres,sqlite}/<ts>_NAME.*.sql
migration:
	@test -n "$(NAME)" || (echo "usage: make migration NAME=what_changed"; exit 1)
	$(GO) run ./cmd/danvan migrate diff $(NAME)

clean:
	rm -rf bin
