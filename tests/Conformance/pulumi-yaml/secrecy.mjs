// R5 of RULES.md (the gate's rule, built on pulumi-yaml v1.38.1's): a value is secret in the state only if the host
// made it secret — pkg/server/server.go yamlLanguageHost.Run calls resource.MakeSecret only for keys in
// RunRequest.ConfigSecretKeys (set with --secret) — or the program wraps it: fn::secret (run.go
// evaluateBuiltinSecret → pulumi.ToSecret; secrecy then flows through apply/interpolation/invoke), or a declaration
// that is applied with `secret: true` (run.go registerConfig: markSecret → pulumi.ToSecret). A declaration of a key
// the stack sets is never applied (config-rules.mjs), and the compiler is not told which keys came with --secret
// (PULUMI_CONFIG only). So every use of a secret key must be wrapped, whatever the fixture says.
import { parseString, resolveRoot, storedValues, walk } from "./references.mjs";

const SOURCE = "pulumi-yaml v1.38.1 pkg/server/server.go yamlLanguageHost.Run (MakeSecret only for ConfigSecretKeys) + pkg/pulumiyaml/run.go Runner.Run (declaration skipped: \"config already registered\")";

/**
 * @param secretReasons Map node key → reasons it must stay secret (declared secret, our config, the fixture).
 * Returns findings for every stored place (resource properties/get, outputs) a secret key reaches unwrapped.
 */
export function checkSecrecy(program, symbols, secretReasons, project) {
  const findings = [];
  const variableTaint = new Map();
  const required = (name) => {
    const s = symbols.get(name);
    return secretReasons.get(name) ?? (s?.declaredKey && secretReasons.get(s.declaredKey)) ?? (s?.declaredSecret ? ["declared `secret: true`"] : undefined);
  };

  // The chain of names through which `ref` carries an unwrapped secret key, or undefined.
  function refTaint(ref) {
    const root = resolveRoot(ref.root, program, symbols, project);
    if (root.kind === "config") {
      const s = symbols.get(root.name);
      const protectedByDeclaration = s.origin === "declaration" && s.declaredSecret;
      return required(root.name) && !protectedByDeclaration ? [root.name] : undefined;
    }
    if (root.kind === "variable" && root.name !== "pulumi") {
      if (!variableTaint.has(root.name)) {
        variableTaint.set(root.name, undefined); // a cycle carries nothing new
        const found = valueTaint(program.variables[root.name], `variables.${root.name}`);
        variableTaint.set(root.name, found && [root.name, ...found.chain]);
      }
      return variableTaint.get(root.name);
    }
    return undefined;
  }

  function valueTaint(node, where) {
    let found;
    walk(node, where, (value, at, fns) => {
      if (found || typeof value !== "string" || fns.includes("fn::secret")) return;
      for (const ref of parseString(value).refs) {
        const chain = refTaint(ref);
        if (chain) { found = { where: at, ref, chain }; return; }
      }
    });
    return found;
  }

  for (const place of storedValues(program)) {
    walk(place.node, place.where, (value, at, fns) => {
      if (typeof value !== "string" || fns.includes("fn::secret")) return;
      const reported = new Set();
      for (const ref of parseString(value).refs) {
        const chain = refTaint(ref);
        if (!chain || reported.has(chain.at(-1))) continue;
        reported.add(chain.at(-1));
        const key = chain.at(-1);
        findings.push({ rule: "secret-not-wrapped", where: at, key,
          message: `\`\${${ref.text}}\` carries config key "${key}"${chain.length > 1 ? ` (via ${chain.join(" ← ")})` : ""} unwrapped; it must stay secret (${required(key).join("; ")}), but set without --secret it is stored in plain text in the state`,
          source: SOURCE,
          fix: `wrap this use in fn::secret (or wrap the variable's value), or read "${key}" through a \`name:\` declaration with \`secret: true\` (RULES.md R3)` });
      }
    });
  }
  return findings;
}
