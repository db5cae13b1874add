// R1 of pulumi-yaml/RULES.md: the language host's guess of each stack value's type, and Go's printing of numbers.
// Expected values follow Go's documented strconv/json/fmt behaviour and pulumi-yaml v1.38.1 server.go's rule order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goFormatFloat, goFormatValue, guessConfigValue } from "../pulumi-yaml/guess.mjs";

const cases = [
  // text, type, value
  ["7", "number", 7], ["007", "string", "007"], ["0", "number", 0], ["0.5", "number", 0.5], ["-07", "number", -7], ["+7", "number", 7],
  ["true", "bool", true], ["True", "bool", true], ["t", "bool", true], ["F", "bool", false], ["yes", "string", "yes"],
  ["1e3", "number", 1000], ["1.50", "number", 1.5], [".5", "number", 0.5], ["1000000", "number", 1000000],
  ["12345678901", "number", 12345678901], ["9007199254740993", "number", 9007199254740992], ["99999999999999999999", "number", 1e20],
  ["[1]", "list", [1]], ['{"a":1}', "object", { a: 1 }], ["null", "null", null], ['"x"', "string", "x"], [" 7", "number", 7],
  ["", "string", ""], ["abc", "string", "abc"], ["1e400", "string", "1e400"], ["[1", "string", "[1"], ["0x1F", "string", "0x1F"],
  ["us-east-1,eu-west-1", "string", "us-east-1,eu-west-1"],
];
for (const [text, type, value] of cases) {
  test(`the host guesses ${JSON.stringify(text)} as ${type}`, () => {
    const g = guessConfigValue(text);
    assert.equal(g.type, type, g.rule);
    assert.deepEqual(g.value, value);
  });
}

test("inf and nan are numbers (strconv.ParseFloat)", () => {
  assert.equal(guessConfigValue("inf").value, Infinity);
  assert.ok(Number.isNaN(guessConfigValue("NaN").value));
});

test("Go's %v prints whole numbers of 7+ digits in exponent form (pulumi/pulumi-yaml#561)", () => {
  assert.equal(goFormatFloat(1048576), "1.048576e+06"); // the issue's own example
  assert.equal(goFormatFloat(1000000), "1e+06");
  assert.equal(goFormatFloat(999999), "999999");
  assert.equal(goFormatFloat(12345678901), "1.2345678901e+10");
  assert.equal(goFormatFloat(30), "30");
  assert.equal(goFormatFloat(1.5), "1.5");
  assert.equal(goFormatFloat(0.0001), "0.0001");
  assert.equal(goFormatFloat(0.00001), "1e-05");
  assert.equal(goFormatFloat(-2.5e-7), "-2.5e-07");
  assert.equal(goFormatFloat(1e100), "1e+100");
});

test("%v of other values as an interpolation writes them", () => {
  assert.equal(goFormatValue(true), "true");
  assert.equal(goFormatValue(null), "<nil>");
  assert.equal(goFormatValue([1, "a"]), "[1 a]");
  assert.equal(goFormatValue({ b: 2, a: 1 }), "map[a:1 b:2]");
});
