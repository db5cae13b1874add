// R6 of RULES.md: the plugins Pulumi installs come from a program rendered WITHOUT the stack's config.
// pulumi-yaml v1.38.1 pkg/server/server.go GetRequiredPackages calls loadTemplate(compiler, dir, nil): the compiler
// runs with no PULUMI_STACK / PULUMI_CONFIG ("at the first point we call loadTemplate (in GetRequiredPackages) we
// don't have the compiler environment"); a compiler failure there fails the request. pkg/pulumiyaml/packages.go
// GetReferencedPackages then lists each package (ResolvePkgName: "pulumi:providers:x" → x, else the token's first
// part) of every resource and fn::invoke once, with the version of the first reference.
const SOURCE = "pulumi-yaml v1.38.1 pkg/server/server.go GetRequiredPackages (loadTemplate without the compiler environment) + pkg/pulumiyaml/packages.go GetReferencedPackages";

const packageOf = (token) => {
  const parts = String(token).split(":");
  return parts.length === 3 && parts[0] === "pulumi" && parts[1] === "providers" ? parts[2] : parts[0];
};

/** Map package → Set of versions (undefined = none given) that the program's resources and invokes reference. */
export function referencedPackages(program) {
  const packages = new Map();
  const add = (token, version) => { const p = packageOf(token); if (!packages.has(p)) packages.set(p, new Set()); packages.get(p).add(version); };
  const visit = (node) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === "object") {
      const invoke = node["fn::invoke"];
      if (invoke && typeof invoke.function === "string") add(invoke.function, invoke.options?.version);
      Object.values(node).forEach(visit);
    }
  };
  for (const resource of Object.values(program.resources ?? {})) if (typeof resource?.type === "string") add(resource.type, resource.options?.version);
  visit(program.variables); visit(program.resources); visit(program.outputs);
  return packages;
}

/** Findings for a stack's program whose packages (or versions) the config-less program does not reference. */
export function checkRequiredPackages(configless, program) {
  const installed = referencedPackages(configless);
  const findings = [];
  for (const [pkg, versions] of referencedPackages(program)) {
    const have = installed.get(pkg);
    const missing = [...versions].filter((v) => !have?.has(v));
    if (!have || missing.length) {
      findings.push({ rule: "package-not-required", where: "program", key: undefined,
        message: `uses package ${pkg}${missing.filter(Boolean).length ? ` at ${missing.filter(Boolean).join(", ")}` : ""}, which the program rendered without config (what GetRequiredPackages sees) ${have ? `references only at ${[...have].map((v) => v ?? "no version").join(", ")}` : "does not reference"}: the plugin is not installed before the run (unverified: whether the engine installs it on demand)`,
        source: SOURCE, fix: "make the config-less rendering reference every package and version any stack can use" });
    }
  }
  return findings;
}
