// The runner end to end, with a stand-in compiler: every fixture is compiled, translated and type-checked in one
// tsc; each kind of failure is counted against its fixture and the gate exits non-zero.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { conformanceDir } from "../typecheck.mjs";

test("the gate reports per-fixture errors, a summary line, and fails", () => {
  const out = path.join(conformanceDir, "out", `check-test-${process.pid}`);
  const run = spawnSync(process.execPath, [path.join(conformanceDir, "check.mjs"),
    "--stacks", path.join(conformanceDir, "testdata", "stacks"),
    "--compiler", `node ${path.join(conformanceDir, "testdata", "fake-compiler.mjs")}`,
    "--out", out], { encoding: "utf8" });
  try {
    const lines = run.stdout.split("\n");
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.ok(lines.includes(`good: 0 errors (${path.relative(path.resolve(conformanceDir, "../.."), path.join(out, "good.ts"))})`), run.stdout);
    assert.match(run.stdout, /^misspelled-property: 1 error \(.*\)\n  misspelled-property\.ts:\d+:\d+ TS(2353|2561): .*'locaton'/m);
    assert.match(run.stdout, /^unresolved-reference: 1 error\n  translation: outputs\.x: unresolved reference \$\{nothing\.here\}/m);
    assert.match(run.stdout, /^invalid-config: 1 error\n  compiler node .* failed \(exit 3\): error: config invalid-config: invalid/m);
    assert.match(run.stdout, /^misspelled-kql-column: 1 error \(.*\)\n  kql search query 1:\d+ KS142: The name 'Stat' does not refer to any known column.*\n {6}\| Health_CL \| where Stat == "failing"$/m);
    assert.ok(lines.includes("kql: 1 queries, 1 errors"), run.stdout);
    assert.equal(lines.filter(Boolean).at(-1), "conformance: 5 programs, 4 errors");
    assert.ok(existsSync(path.join(out, "good.ts")));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
