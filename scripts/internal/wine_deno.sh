#!/usr/bin/env bash
# Runs the Windows build of Deno under Wine, so the Windows backend (kernel32, ntdll, psapi, iphlpapi, advapi32,
# pdh, wtsapi32 through Deno.dlopen) is tested live on a Linux machine.
#
#   scripts/internal/wine_deno.sh test -A tests_windows/     # any deno arguments
#   scripts/internal/wine_deno.sh --check                    # exit 0 when Wine can run here, 3 otherwise
#   scripts/internal/wine_deno.sh --bun test tests_windows/  # Bun for Windows instead (any bun arguments)
#
# Setup, done once and kept in $TSUTIL_WINE_DIR (default: $TMPDIR/tsutil-wine):
#   1. Wine (64-bit) and mingw binutils from apt when missing (needs root and apt-get; exit 3 otherwise).
#   2. deno.exe from the npm package @deno/win32-x64, the same version as node_modules/deno (with --bun: bun.exe
#      from @oven/bun-windows-x64, the same version as node_modules/bun).
#   3. Two workarounds that Wine 8 (Debian 12) needs and a real Windows does not:
#      - V8 reserves memory with VirtualAlloc2(MEM_RESERVE_PLACEHOLDER), which Wine 8 refuses, and then aborts
#        ("SegmentedTable::InitializeTable"). deno.exe looks the function up by name at run time, so the name is
#        renamed in a copy of the exe (VirtualAlloc2 -> VirtualAllocX): the lookup fails and V8 uses its fallback
#        for older Windows.
#      - Rust's std imports bcryptprimitives.dll!ProcessPrng, which Wine 8 lacks: a tiny DLL next to deno.exe
#        provides it by calling advapi32!SystemFunction036 (RtlGenRandom).
#      Wine 10 needs neither; both are harmless there. bun.exe (JavaScriptCore, not V8) needs only the DLL.
#   4. A fresh Wine prefix (no display needed).
# Exit status: deno's (or bun's) own, or 3 when Wine cannot be set up on this machine.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=${TSUTIL_WINE_DIR:-${TMPDIR:-/tmp}/tsutil-wine}
DENO_VERSION=${TSUTIL_WINE_DENO_VERSION:-$(node -p 'require(process.argv[1]).version' "$ROOT/node_modules/deno/package.json" 2>/dev/null || echo 2.9.6)}
BUN_VERSION=${TSUTIL_WINE_BUN_VERSION:-$(node -p 'require(process.argv[1]).version' "$ROOT/node_modules/bun/package.json" 2>/dev/null || echo 1.4.5)}
RUNTIME=deno
if [ "${1:-}" = "--bun" ]; then
  RUNTIME=bun
  shift
fi
if [ "$RUNTIME" = bun ]; then
  EXE="$W/bun-$BUN_VERSION/bun.exe"
else
  EXE="$W/deno-$DENO_VERSION/deno.exe"
fi

unavailable() { echo "wine_deno: $*" >&2; exit 3; }

have_tools() { command -v wine >/dev/null && command -v wineserver >/dev/null && command -v x86_64-w64-mingw32-ld >/dev/null; }

install_tools() {
  have_tools && return 0
  [ "$(id -u)" = 0 ] || unavailable "Wine is not installed and installing it needs root (apt-get install wine wine64 binutils-mingw-w64-x86-64)"
  command -v apt-get >/dev/null || unavailable "Wine is not installed and this machine has no apt-get"
  echo "wine_deno: installing wine and mingw binutils with apt-get (once)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || unavailable "apt-get update failed"
  apt-get install -y -qq --no-install-recommends wine wine64 binutils-mingw-w64-x86-64 >/dev/null ||
    unavailable "apt-get install wine wine64 binutils-mingw-w64-x86-64 failed"
  have_tools || unavailable "wine is still missing after apt-get install"
}

fetch_deno() {
  [ -f "$EXE" ] && return 0
  local d="$W/deno-$DENO_VERSION" tmp
  mkdir -p "$d"
  tmp=$(mktemp -d "$W/pack.XXXXXX")
  (cd "$tmp" && npm pack --silent "@deno/win32-x64@$DENO_VERSION" >/dev/null) ||
    unavailable "npm pack @deno/win32-x64@$DENO_VERSION failed (no registry access?)"
  tar -xzf "$tmp"/deno-win32-x64-*.tgz -C "$tmp" package/deno.exe
  # Rename the run-time lookup of VirtualAlloc2 (see the header). Same length, so nothing else moves.
  perl -0777 -pe 's/VirtualAlloc2\x00/VirtualAllocX\x00/g' "$tmp/package/deno.exe" >"$tmp/deno.exe"
  if cmp -s "$tmp/package/deno.exe" "$tmp/deno.exe"; then
    echo "wine_deno: VirtualAlloc2 was not found in deno.exe; running it unpatched" >&2
  fi
  chmod +x "$tmp/deno.exe"
  mv "$tmp/deno.exe" "$EXE.part" && mv "$EXE.part" "$EXE"
  rm -rf "$tmp"
}

fetch_bun() {
  [ -f "$EXE" ] && return 0
  local tmp
  mkdir -p "$(dirname "$EXE")"
  tmp=$(mktemp -d "$W/pack.XXXXXX")
  (cd "$tmp" && npm pack --silent "@oven/bun-windows-x64@$BUN_VERSION" >/dev/null) ||
    unavailable "npm pack @oven/bun-windows-x64@$BUN_VERSION failed (no registry access?)"
  tar -xzf "$tmp"/oven-bun-windows-x64-*.tgz -C "$tmp" package/bin/bun.exe
  chmod +x "$tmp/package/bin/bun.exe"
  mv "$tmp/package/bin/bun.exe" "$EXE.part" && mv "$EXE.part" "$EXE"
  rm -rf "$tmp"
}

build_prng_dll() {
  local d b
  d=$(dirname "$EXE")
  [ -f "$d/bcryptprimitives.dll" ] && return 0
  b=$(mktemp -d "$W/dll.XXXXXX")
  # BOOL ProcessPrng(PBYTE data, SIZE_T len): fill in chunks of at most 1 GiB (SystemFunction036 takes a ULONG).
  cat >"$b/prng.s" <<'ASM'
        .intel_syntax noprefix
        .text
        .globl ProcessPrng
ProcessPrng:
        push rbx
        push rsi
        sub rsp, 40                      # shadow space, keeps rsp 16-byte aligned at the call
        mov rbx, rcx                     # rbx = next byte to fill
        mov rsi, rdx                     # rsi = bytes left
.Lnext:
        test rsi, rsi
        jz .Ldone
        mov rdx, rsi
        mov eax, 0x40000000
        cmp rdx, rax
        cmova rdx, rax                   # rdx = min(left, 1 GiB)
        mov rcx, rbx
        add rbx, rdx
        sub rsi, rdx
        call [rip + __imp_SystemFunction036]
        jmp .Lnext
.Ldone:
        mov eax, 1
        add rsp, 40
        pop rsi
        pop rbx
        ret
        .globl DllEntry
DllEntry:
        mov eax, 1
        ret
ASM
  printf 'LIBRARY bcryptprimitives.dll\nEXPORTS\n  ProcessPrng\n' >"$b/prng.def"
  printf 'LIBRARY advapi32.dll\nEXPORTS\n  SystemFunction036\n' >"$b/advapi32.def"
  x86_64-w64-mingw32-dlltool -d "$b/advapi32.def" -l "$b/libadvapi32.a"
  x86_64-w64-mingw32-as -o "$b/prng.o" "$b/prng.s"
  x86_64-w64-mingw32-ld --dll -e DllEntry -s -o "$b/bcryptprimitives.dll" "$b/prng.o" "$b/prng.def" "$b/libadvapi32.a"
  mv "$b/bcryptprimitives.dll" "$d/bcryptprimitives.dll" # the exe's own folder is searched first
  rm -rf "$b"
}

if [ "${1:-}" = "--check" ]; then
  # Can Wine run here (installed, or installable by root with apt-get)? Installs nothing.
  have_tools && exit 0
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && exit 0
  echo "wine_deno: Wine is not installed and cannot be installed here (needs root and apt-get)" >&2
  exit 3
fi
mkdir -p "$W"
install_tools
if [ "$RUNTIME" = bun ]; then fetch_bun; else fetch_deno; fi
build_prng_dll

export WINEPREFIX="$W/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" DENO_DIR="$W/deno_dir" NO_COLOR=1
# One run at a time per prefix (flock): concurrent runs sharing one wineserver and prefix interfere.
exec 9>"$W/lock"
flock 9
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  wine wineboot -i </dev/null >/dev/null 2>&1 9>&- || true
  wineserver -w 9>&-
fi
# A server that outlives each program by 5 s (later processes start faster), detached from our stdout so a pipe
# reading this script closes when deno exits; it is never killed, so a concurrent run is never cut short.
wineserver -p5 </dev/null >/dev/null 2>&1 9>&- || true
# Start Wine's services now with their output detached: otherwise the first program spawns them with our
# stdout inherited and a pipe reading this script stays open until they exit.
wine cmd /c exit </dev/null >/dev/null 2>&1 9>&- || true

[ $# -gt 0 ] || set -- --version
cd "$ROOT"
wine "$EXE" "$@" 9>&- # the lock stays with this script, not with the Wine processes
