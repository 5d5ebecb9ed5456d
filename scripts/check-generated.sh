#!/usr/bin/env bash
# Regenerates every generated file (Prisma clients, subgraph SDL, supergraph, SDK types) and fails when
# any differs from what is committed: generated files come from their command, never from hand edits.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run -s generate
generated=(subgraphs/*/src/generated subgraphs/*/prisma/postgres schema/subgraphs schema/supergraph.graphql schema/contracts sdk/contracts sdk/src/generated)
existing=()
for path in "${generated[@]}"; do [ -e "$path" ] && existing+=("$path"); done
drift=$(git status --porcelain -- "${existing[@]}")
if [ -n "$drift" ]; then
  echo "generated files differ from the committed ones; run 'npm run generate' and commit:" >&2
  echo "$drift" >&2
  git --no-pager diff --stat -- "${existing[@]}" >&2
  exit 1
fi
echo "generated files: up to date"
