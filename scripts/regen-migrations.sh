#!/usr/bin/env bash
# Recreates the single InitialCreate migration of every provider from the current model.
# Pre-release only: no deployed database depends on the migration history yet.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for p in Sqlite SqlServer PostgreSql; do
  rm -rf "src/ConversationalCommerce.Data.$p/Migrations"
  dotnet ef migrations add InitialCreate -p "src/ConversationalCommerce.Data.$p" -s "src/ConversationalCommerce.Data.$p" -o Migrations >/dev/null
  echo "regenerated $p"
done
