#!/bin/sh
# Rebuilds the .wasm fixtures in this folder from their .wat sources, and malformed.wasm.
# Built and committed with: wat2wasm 1.0.32 (wabt, Debian package `wabt`).
# Run from anywhere: sh build.sh. Needs wat2wasm and wasm-validate on the PATH.
# Every *.wat here is built (add.wat ... wasi_env.wat, wasi_exit.wat, wasi_hello.wat, wasi_loop.wat).
set -eu
cd "$(dirname "$0")"

for wat in *.wat; do
  wasm="${wat%.wat}.wasm"
  wat2wasm "$wat" -o "$wasm"
  wasm-validate "$wasm"
done

# malformed.wasm: a valid header (magic, version 1), then a byte that is no section id (0xff)
# followed by garbage. WasmModuleInfo must reject it with "unknown section id 255" at offset 8.
printf '\000asm\001\000\000\000\377\377\377\377garbage' > malformed.wasm

ls -l *.wasm
