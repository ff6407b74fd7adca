#!/bin/sh
# Rebuilds xpress-encoder.wasm from xpress-encoder.c and regenerates the embedded copy the app loads
# (shared/node/wim/xpress-wasm-binary.ts). Needs clang-14 and lld-14 from Debian (no libc: freestanding).
#   sh wasm/xpress/build.sh           rebuild both files in place
#   sh wasm/xpress/build.sh --check   rebuild into a temp folder and fail if the committed files differ
# `.ci/run` runs --check, so the committed binary always matches its source byte for byte.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
clang=${CLANG:-clang-14}
embedded="$repo/shared/node/wim/xpress-wasm-binary.ts"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$clang" --target=wasm32 -nostdlib -O3 -mbulk-memory -ffreestanding -fno-ident \
  -Wall -Wextra -Werror -std=c11 \
  -Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=65536 \
  -o "$out/xpress-encoder.wasm" "$here/xpress-encoder.c"
node "$here/embed.mjs" "$out/xpress-encoder.wasm" "$out/xpress-wasm-binary.ts"
if [ "${1:-}" = "--check" ]; then
  cmp "$out/xpress-encoder.wasm" "$here/xpress-encoder.wasm"
  cmp "$out/xpress-wasm-binary.ts" "$embedded"
  echo "xpress-encoder.wasm and its embedded copy match the source ($(wc -c <"$out/xpress-encoder.wasm") bytes)"
else
  cp "$out/xpress-encoder.wasm" "$here/xpress-encoder.wasm"
  cp "$out/xpress-wasm-binary.ts" "$embedded"
fi
