/**
 * Drives the tools in a real terminal: tmux runs them in a pane of known size, capture-pane reads the screen.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { ROOT } from "../_helpers.ts";
import { toolCommand } from "./_run.ts";

const SOCKET = `tsutil_tty_${process.pid}`;
const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
const skip = hasTmux ? false : "tmux is not installed (apt-get install tmux)";

function tmux(...args: string[]): string {
  const r = spawnSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`tmux ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Starts `scripts/<file> args` in a detached pane of `width`×`height`, kept open after it exits, with `NO_COLOR=1`
 * unless `color`.
 */
function start(name: string, file: string, args: string[], width: number, height: number, color = false): void {
  const [cmd0, argv0] = toolCommand(file, args);
  const [cmd, argv] = ["env", [...(color ? ["-u", "NO_COLOR"] : ["NO_COLOR=1"]), cmd0, ...argv0]];
  // The shell prints the exit status on the main screen once the tool has left (tmux 3.3 has no reliable
  // pane_dead_status).
  const line = `cd ${quote(ROOT)} && ${[cmd, ...argv].map(quote).join(" ")}; echo "__exit=$?"`;
  tmux(
    "new-session",
    "-d",
    "-s",
    name,
    "-x",
    String(width),
    "-y",
    String(height),
    line,
    ";",
    "set-option",
    "-t",
    name,
    "remain-on-exit",
    "on",
  );
}

function screen(name: string, escapes = false): string {
  return tmux("capture-pane", "-p", "-J", ...(escapes ? ["-e"] : []), "-S", "-", "-t", name);
}

/** The tool's exit status once the pane's shell has printed it, else `null` (still running). */
function exitStatus(name: string): number | null {
  const m = /__exit=(\d+)/.exec(screen(name));
  return m ? Number(m[1]) : null;
}

async function waitFor(what: string, pred: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (pred()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

after(() => {
  if (hasTmux) spawnSync("tmux", ["-L", SOCKET, "kill-server"]);
});

test("top runs live in a terminal, fits its width and height, and quits on q", { skip, timeout: 180_000 }, async () => {
  start("top", "top.ts", ["--interval", "0.5"], 90, 24);
  await waitFor("top's first frame", () => /PID\s+USER\s+NI/.test(screen("top")));
  const first = screen("top").split("\n");
  assert.match(first[0], /^top - \d\d:\d\d:\d\d up /);
  for (const l of first) assert.ok(l.length <= 90, `line wider than the pane: ${l}`);
  assert.ok(first.filter((l) => l.trim() !== "").length <= 24);
  const clock = first[0].slice(6, 14);
  // It refreshes in place: the clock moves on while the header stays on the first line.
  await waitFor("a refresh", () => {
    const s = screen("top").split("\n");
    return s[0].startsWith("top - ") && s[0].slice(6, 14) !== clock;
  });
  assert.equal(exitStatus("top"), null);
  tmux("send-keys", "-t", "top", "q");
  await waitFor("top to exit", () => exitStatus("top") !== null, 10_000);
  assert.equal(exitStatus("top"), 0);
  // The alternate screen is gone: top's frame no longer shows.
  assert.doesNotMatch(screen("top"), /PID\s+USER\s+NI/);
});

test("ps in a narrow terminal cuts every line to the terminal's width", { skip, timeout: 180_000 }, async () => {
  start("ps", "ps.ts", [], 60, 40);
  await waitFor("ps to exit", () => exitStatus("ps") !== null);
  assert.equal(exitStatus("ps"), 0);
  const lines = screen("ps").split("\n").filter((l) => l.trim() !== "" && !l.startsWith("__exit="));
  assert.match(lines[0], /^USER\s+PID\s+%CPU/);
  for (const l of lines) assert.ok(l.length <= 60, `line wider than 60: ${l}`);
});

test("colour only on a terminal without NO_COLOR", { skip, timeout: 180_000 }, async () => {
  start("plain", "disk_usage.ts", [], 100, 10);
  start("color", "disk_usage.ts", [], 100, 10, true);
  await waitFor("both to exit", () => exitStatus("plain") !== null && exitStatus("color") !== null).catch((e) => {
    throw new Error(`${e.message}\n${screen("plain")}\n---\n${screen("color")}`);
  });
  // deno-lint-ignore no-control-regex
  const esc = /\x1b\[[0-9;]*m/;
  assert.doesNotMatch(screen("plain", true), esc);
  assert.match(screen("color", true), esc);
  // Same text once the escapes are gone (digits masked: usage may move between the two runs).
  const text = (name: string): string => screen(name).split("__exit=")[0].replace(/\d/g, "0");
  assert.equal(text("color"), text("plain"));
});
