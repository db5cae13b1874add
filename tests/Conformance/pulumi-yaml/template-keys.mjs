// R4 of RULES.md: the keys pulumi-yaml v1.38.1's template parser knows (pkg/pulumiyaml/ast/template.go: the exported
// fields of TemplateDecl, ResourceDecl, ResourceOptionsDecl, CustomTimeoutsDecl, GetResourceDecl, ConfigParamDecl;
// parseRecord matches them case-insensitively). What it does with any other key:
// - top level: ParseTemplate calls parseRecord(..., noMatchWarning=false): the key is dropped without a word;
// - elsewhere: parseRecord(..., true): dropped with the warning "Field 'x' does not exist on Object '…'"
//   (pkg/pulumiyaml/diags/diags.go NonExistentFieldFormatter); a key in other casing is used, with the warning
//   "'x' looks like a miscapitalization of 'y'" (pkg/pulumiyaml/syntax/diags.go UnexpectedCasing).
// The gate reports all of these: a dropped key is a setting that silently does nothing.
const FIELDS = {
  template: ["name", "namespace", "description", "version", "pulumi", "configuration", "config", "variables", "resources", "outputs", "sdks", "components"],
  resource: ["type", "name", "defaultProvider", "properties", "options", "get"],
  options: ["additionalSecretOutputs", "aliases", "customTimeouts", "deleteBeforeReplace", "dependsOn", "ignoreChanges", "import", "parent",
    "protect", "provider", "providers", "version", "pluginDownloadURL", "replaceOnChanges", "retainOnDelete", "replaceWith", "deletedWith",
    "hideDiffs", "replacementTrigger", "envVarMappings"],
  customTimeouts: ["create", "update", "delete"],
  get: ["id", "state"],
  configEntry: ["type", "name", "secret", "default", "value", "items"],
  pulumi: ["requiredVersion"],
};
const SOURCE = "pulumi-yaml v1.38.1 pkg/pulumiyaml/ast/template.go parseRecord";

function checkRecord(record, kind, where, findings) {
  if (record === null || typeof record !== "object" || Array.isArray(record)) return;
  const fields = FIELDS[kind];
  for (const key of Object.keys(record)) {
    if (fields.includes(key)) continue;
    const casing = fields.find((f) => f.toLowerCase() === key.toLowerCase());
    if (casing) {
      findings.push({ rule: "miscapitalized-key", where: `${where}.${key}`, message: `'${key}' looks like a miscapitalization of '${casing}' (a warning today; "a future version of Pulumi YAML will enforce camelCase fields")`,
        source: `${SOURCE} + syntax/diags.go UnexpectedCasing`, fix: `write '${casing}'` });
    } else {
      const quietly = kind === "template" ? "ignored without any diagnostic" : "ignored with only a warning";
      findings.push({ rule: "unknown-key", where: `${where}.${key}`, message: `pulumi-yaml has no '${key}' ${kind === "template" ? "top-level section" : `field in ${kind}`}: it is ${quietly}; known: ${fields.join(", ")}`,
        source: `${SOURCE}${kind === "template" ? " (ParseTemplate: noMatchWarning=false)" : " + diags/diags.go NonExistentFieldFormatter"}`, fix: "remove the key or spell it as pulumi-yaml does" });
    }
  }
}

/** R4 findings for a program (its JSON form). */
export function checkTemplateKeys(program) {
  const findings = [];
  checkRecord(program, "template", "program", findings);
  if (program.configuration !== undefined) {
    findings.push({ rule: "unknown-key", where: "program.configuration", message: "root-level `configuration` is deprecated (pulumi-yaml warns); use `config`",
      source: "pulumi-yaml v1.38.1 pkg/pulumiyaml/run.go (\"root-level `configuration` field is deprecated\")", fix: "move the entries to `config`" });
  }
  if (program.components !== undefined || program.namespace !== undefined) {
    findings.push({ rule: "unknown-key", where: "program", message: "`components`/`namespace` are only for component plugins: RunTemplate refuses the program",
      source: "pulumi-yaml v1.38.1 pkg/pulumiyaml/run.go RunTemplate", fix: "remove them" });
  }
  checkRecord(program.pulumi, "pulumi", "pulumi", findings);
  for (const section of ["config", "configuration"]) {
    for (const [key, entry] of Object.entries(program[section] ?? {})) checkRecord(entry, "configEntry", `${section}.${key}`, findings);
  }
  for (const [name, resource] of Object.entries(program.resources ?? {})) {
    const where = `resources.${name}`;
    checkRecord(resource, "resource", where, findings);
    const options = resource?.options;
    checkRecord(options, "options", `${where}.options`, findings);
    checkRecord(options?.customTimeouts, "customTimeouts", `${where}.options.customTimeouts`, findings);
    checkRecord(resource?.get, "get", `${where}.get`, findings);
  }
  return findings;
}
