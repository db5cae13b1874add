// R1 of RULES.md: how pulumi-yaml's language host types a stack config value it receives as a string, and how Go
// prints the result. Our own implementation of the rules read in pulumi-yaml v1.38.1 (commit 36f271cf),
// pkg/server/server.go, yamlLanguageHost.Run ("Translate the string based config map into property values"):
//   1. len > 1, starts with "0", not with "0."  → string
//   2. strconv.ParseInt(v, 10, 64)               → number (float64 of the int64)
//   3. strconv.ParseBool(v)                      → bool
//   4. strconv.ParseFloat(v, 64)                 → number
//   5. json.Unmarshal(v, &interface{})           → that JSON value (numbers float64)
//   6. otherwise                                 → string
//   then resource.MakeSecret only when the key is in RunRequest.ConfigSecretKeys.
// The Go behaviours below are those documented for Go's strconv, encoding/json and fmt packages.

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** strconv.ParseInt(s, 10, 64): optional sign, decimal digits only (no underscores with base 10), int64 range. */
export function goParseInt(s) {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s.startsWith("+") ? s.slice(1) : s);
  return n < INT64_MIN || n > INT64_MAX ? undefined : Number(n);
}

/** strconv.ParseBool: exactly these spellings. */
export function goParseBool(s) {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  return undefined;
}

// strconv's underscoreOK: '_' only between digits (or after a base prefix), never last.
function underscoresOk(s) {
  let body = s.replace(/^[+-]/, "");
  let hex = false;
  let saw = "^";
  if (/^0[box]/i.test(body)) { hex = /^0x/i.test(body); body = body.slice(2); saw = "0"; }
  for (const c of body) {
    if (/[0-9]/.test(c) || (hex && /[a-f]/i.test(c))) { saw = "0"; continue; }
    if (c === "_") { if (saw !== "0") return false; saw = "_"; continue; }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}

/** strconv.ParseFloat(s, 64): decimal or hex (p exponent) literals, inf/infinity/nan; overflow is an error. */
export function goParseFloat(s) {
  const special = /^([+-]?)(inf|infinity)$/i.exec(s);
  if (special) return special[1] === "-" ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  if (s.includes("_") && !underscoresOk(s)) return undefined;
  const t = s.replace(/_/g, "");
  let value;
  if (/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(t)) value = Number(t);
  else {
    const hex = /^([+-]?)0x((?:[0-9a-f]+\.?[0-9a-f]*)|(?:\.[0-9a-f]+))p([+-]?[0-9]+)$/i.exec(t);
    if (!hex) return undefined;
    const [int, frac = ""] = hex[2].split(".");
    const mantissa = parseInt(`${int || "0"}${frac}`, 16) / 16 ** frac.length;
    value = (hex[1] === "-" ? -1 : 1) * mantissa * 2 ** Number(hex[3]);
  }
  return Number.isFinite(value) ? value : undefined; // ±Inf from a finite literal = ErrRange
}

/** json.Unmarshal into interface{}: RFC 8259 JSON with surrounding whitespace; a number out of float64 range fails. */
export function goJsonUnmarshal(s) {
  let value;
  try { value = JSON.parse(s); } catch { return { ok: false }; }
  const finite = (v) => typeof v === "number" ? Number.isFinite(v)
    : Array.isArray(v) ? v.every(finite) : v !== null && typeof v === "object" ? Object.values(v).every(finite) : true;
  return finite(value) ? { ok: true, value } : { ok: false };
}

export const typeOf = (v) => v === null ? "null" : Array.isArray(v) ? "list" : typeof v === "object" ? "object"
  : typeof v === "boolean" ? "bool" : typeof v; // "number" | "string"

/** The value pulumi-yaml's host makes of one stack config string: { value, type, rule }. */
export function guessConfigValue(text) {
  const s = String(text);
  const result = (value, rule) => ({ value, type: typeOf(value), rule });
  if (s.length > 1 && s.startsWith("0") && !s.startsWith("0.")) return result(s, "leading 0 → string");
  const i = goParseInt(s);
  if (i !== undefined) return result(i, "strconv.ParseInt → number");
  const b = goParseBool(s);
  if (b !== undefined) return result(b, "strconv.ParseBool → bool");
  const f = goParseFloat(s);
  if (f !== undefined) return result(f, "strconv.ParseFloat → number");
  const j = goJsonUnmarshal(s);
  if (j.ok) return result(j.value, `json.Unmarshal → ${typeOf(j.value)}`);
  return result(s, "string");
}

// Shortest round-trip digits and decimal exponent of a finite non-zero float64 (same digits Go's shortest uses).
function shortest(x) {
  const [mantissa, exp] = Math.abs(x).toExponential().split("e");
  return { digits: mantissa.replace(".", ""), exp: Number(exp) };
}

/** Go's fmt "%v" of a float64: strconv.FormatFloat(f, 'g', -1, 64) — exponent form when exp < -4 || exp >= 6. */
export function goFormatFloat(x) {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "+Inf";
  if (x === -Infinity) return "-Inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const sign = x < 0 ? "-" : "";
  const { digits, exp } = shortest(x);
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ""}e${exp < 0 ? "-" : "+"}${e}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const whole = digits.length <= exp + 1 ? digits + "0".repeat(exp + 1 - digits.length) : digits.slice(0, exp + 1);
  const frac = digits.length > exp + 1 ? digits.slice(exp + 1) : "";
  return `${sign}${whole}${frac ? `.${frac}` : ""}`;
}

/** Go's fmt "%v" of a value as pulumi-yaml's interpolation writes it (run.go evaluateInterpolations). */
export function goFormatValue(v) {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "number") return goFormatFloat(v);
  if (typeof v === "boolean" || typeof v === "string") return String(v);
  if (Array.isArray(v)) return `[${v.map(goFormatValue).join(" ")}]`;
  // a Go map prints its keys sorted: map[a:1 b:x]
  return `map[${Object.keys(v).sort().map((k) => `${k}:${goFormatValue(v[k])}`).join(" ")}]`;
}
