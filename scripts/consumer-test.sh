#!/usr/bin/env bash
# Consumer test: proves the published artifact, not the source tree. Packs the built package, installs the
# tarball into a fresh project with only public dependencies, compiles an app that uses all three constructs
# through the package's entry point, synthesizes it and validates the output with the packaged validator.
# Needs `npm run build` first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
start=$(date +%s%N)

mkdir -p "$root/.build"
tarball="$root/.build/$(cd "$root" && npm pack --silent --pack-destination .build | tail -n 1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "consumer test in $work with $(basename "$tarball")"

cd "$work"
npm init -y >/dev/null
peer() { node -p "require('$root/package.json').peerDependencies['$1']"; }
npm install --no-audit --no-fund --loglevel=error "$tarball" \
  "cdk8s@$(peer cdk8s)" "cdk8s-plus-28@$(peer cdk8s-plus-28)" "constructs@$(peer constructs)" \
  typescript@~6.0.3 @types/node@^20 \
  kubernetes-models@~4.5.1 yaml@^2 ajv@^8

cp "$root/test/consumer/main.ts" main.ts
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "node16", "moduleResolution": "node16", "strict": true, "types": ["node"], "skipLibCheck": false }, "files": ["main.ts"] }
JSON
npx tsc -p .
CDK8S_OUTDIR=dist node main.js
ls dist
npx cdk8s-durable-task-validate dist

end=$(date +%s%N)
echo "consumer test passed in $(( (end - start) / 1000000 )) ms"
