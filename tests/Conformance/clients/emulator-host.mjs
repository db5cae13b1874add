// Starts our C# emulators (tests/Emulators.Host) in a child process for the official-client tests, reads the READY
// line (endpoints, the loopback certificate, keys and tokens valid only against these emulators) and offers `stats`.
// The host must be built first; `bash tests/run.sh` builds it with the solution before the node tests run.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
export const hostDll =
  process.env.EMULATOR_HOST_DLL ??
  path.join(repo, "tests/Emulators.Host/bin/Debug/net10.0/SentinelAwsIac.Emulators.Host.dll");

const startTimeoutMs = 180_000;

function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function startEmulators() {
  if (!existsSync(hostDll)) {
    throw new Error(`${hostDll} does not exist: build it first (dotnet build tests/Emulators.Host), or set EMULATOR_HOST_DLL.`);
  }
  const child = spawn("dotnet", [hostDll], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async (what) => {
    const next = await within(Promise.race([lines.next(), exited.then(() => ({ done: true }))]), startTimeoutMs, what);
    if (next.done) throw new Error(`the emulator host stopped before answering ${what}; its errors are above`);
    return next.value;
  };
  let info;
  try {
    const ready = await nextLine("READY");
    if (!ready.startsWith("READY ")) throw new Error(`the emulator host said '${ready}' instead of READY`);
    info = JSON.parse(ready.slice("READY ".length));
  } catch (e) {
    child.kill();
    throw e;
  }
  let queue = Promise.resolve();
  // One command at a time: write the line, read the one reply, check its prefix.
  const command = (line, prefix) => {
    const result = queue.then(async () => {
      child.stdin.write(line + "\n");
      const reply = await nextLine(line);
      if (!reply.startsWith(prefix)) throw new Error(`the emulator host answered '${reply}' to '${line}'`);
      return reply.slice(prefix.length);
    });
    queue = result.catch(() => {});
    return result;
  };
  return {
    info,
    /** Counters of the emulators (requests, throttles, errors by type, ingestion answers by status). */
    stats: async () => JSON.parse(await command("stats", "STATS ")),
    /** The next `count` authenticated Logs Ingestion requests are answered `status` (with Retry-After when given). */
    ingestionFaults: async (count, status, retryAfterSeconds) =>
      void (await command(["ingestion-faults", count, status, retryAfterSeconds].filter((a) => a !== undefined).join(" "), "OK")),
    async stop() {
      child.stdin.end();
      const done = await within(exited, 30_000, "stopping the emulator host").catch(() => null);
      if (!done) child.kill();
    },
  };
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
