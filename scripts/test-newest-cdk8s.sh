#!/usr/bin/env bash
# Runs DurableApp's equivalence tests (and the determinism tests) against the newest cdk8s 2.x on the registry, in a
# temporary copy of the project, so that a cdk8s release that changes what DurableApp relies on fails CI here before
# it fails a user (DurableApp then falls back to App.synth(); these tests prove the output stays the same either way).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# The highest 2.x release (npm view lists matching versions in publish order, not by version).
newest="$(npm view 'cdk8s@^2' version --json | node -e '
  const key = v => v.split(".").map(Number);
  const versions = [].concat(JSON.parse(require("fs").readFileSync(0, "utf8"))).filter(v => /^\d+\.\d+\.\d+$/.test(v));
  versions.sort((a, b) => key(a).reduce((d, x, i) => d || x - key(b)[i], 0));
  console.log(versions.pop());
')"
pinned="$(node -p "require('$root/node_modules/cdk8s/package.json').version")"
work="$(mktemp -d)"
trap '[ -n "${KEEP_WORK:-}" ] || rm -rf "$work"' EXIT
echo "equivalence tests on cdk8s $newest (pinned: $pinned) in $work"

tar -C "$root" --exclude=./node_modules --exclude=./.git --exclude=./.build -cf - . | tar -C "$work" -xf -
cd "$work"
npm ci --no-audit --no-fund --loglevel=error
npm install --no-save --no-audit --no-fund --loglevel=error "cdk8s@$newest"
CDK8S_EQUIVALENCE_VERSION="$newest" npx jest test/app.test.ts test/determinism.test.ts
