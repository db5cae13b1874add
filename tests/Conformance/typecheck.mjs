// Runs ONE `tsc --strict --noEmit` over a set of generated programs and groups the diagnostics by file.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const conformanceDir = path.dirname(fileURLToPath(import.meta.url));

// --skipLibCheck only skips checking the SDK's own .d.ts files for internal consistency; our code is still checked
// against every declaration. CommonJS resolution matches how the @pulumi packages are published (no "exports").
export const tscFlags = ["--strict", "--noEmit", "--skipLibCheck", "--target", "ES2022", "--module", "commonjs",
  "--moduleResolution", "node10", "--types", "node", "--pretty", "false", "--noErrorTruncation"];

/** Type-checks `files` (paths) in one tsc process. Returns { errors: Map<absolute file, string[]>, other: string[], status }. */
export function typeCheck(files) {
  const tsc = path.join(conformanceDir, "node_modules", "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, ...tscFlags, ...files.map((f) => path.resolve(f))],
    { cwd: conformanceDir, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`could not run tsc (${run.error.message}); run npm ci in ${conformanceDir}`);
  const errors = new Map(files.map((f) => [path.resolve(f), []]));
  const other = [];
  let last;
  for (const line of `${run.stdout}${run.stderr}`.split("\n")) {
    const m = /^(.+?)\((\d+),(\d+)\): error (TS\d+: .*)$/.exec(line);
    if (m) {
      const file = path.resolve(conformanceDir, m[1]);
      last = `${path.basename(file)}:${m[2]}:${m[3]} ${m[4]}`;
      if (errors.has(file)) errors.get(file).push(last); else other.push(last);
    } else if (/^\s+\S/.test(line) && last !== undefined) {
      // continuation of a multi-line message: append to the latest diagnostic
      const list = [...errors.values(), other].find((l) => l.at(-1) === last);
      if (list) { last = `${last}\n${line}`; list[list.length - 1] = last; }
    } else if (line.trim()) {
      other.push(line.trim());
      last = undefined;
    }
  }
  if (run.status !== 0 && other.length === 0 && [...errors.values()].every((l) => l.length === 0)) {
    other.push(`tsc exited with ${run.status} without diagnostics`);
  }
  return { errors, other, status: run.status };
}
