// The translator's own behaviour: what it emits, and that it refuses what it cannot translate, naming the place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { translate, TranslationError, SdkIndex } from "../translate.mjs";
import { baseProgram, variant } from "../testdata/base-program.mjs";

const sdk = new SdkIndex();
const rejects = (program, ...patterns) => {
  assert.throws(() => translate(program, sdk), (e) => {
    assert.ok(e instanceof TranslationError, `expected a TranslationError, got ${e}`);
    for (const p of patterns) assert.match(e.message, p);
    return true;
  });
};

test("resolves full, short and index type tokens to the SDK class", () => {
  const ts = translate({ resources: {
    a: { type: "aws:iam/role:Role", properties: { assumeRolePolicy: "{}" } },
    b: { type: "aws:iam:Role", properties: { assumeRolePolicy: "{}" } },
    c: { type: "random:RandomUuid" },
    d: { type: "random:index:RandomUuid" },
    e: { type: "azure-native:monitor:DataCollectionEndpoint", properties: { resourceGroupName: "rg" } },
    p: { type: "pulumi:providers:aws", properties: { region: "us-east-1" } },
  } }, sdk);
  assert.match(ts, /import \* as aws_iam from "@pulumi\/aws\/iam";/);
  assert.match(ts, /const a = new aws_iam\.Role\("a", \{ assumeRolePolicy: "\{\}" \}\);/);
  assert.match(ts, /const b = new aws_iam\.Role\("b"/);
  assert.match(ts, /const c = new random_randomUuid\.RandomUuid\("c", \{\}\);/);
  assert.match(ts, /const d = new random_randomUuid\.RandomUuid\("d", \{\}\);/);
  assert.match(ts, /new azure_native_monitor\.DataCollectionEndpoint\("e"/);
  assert.match(ts, /const p = new aws_provider\.Provider\("p", \{ region: "us-east-1" \}\);/);
});

test("rejects an unknown resource type, naming the resource", () => {
  rejects(variant((p) => { p.resources.role.type = "aws:iam:Rolle"; }), /resources\.role\.type: unknown resource type "aws:iam:Rolle"/);
  rejects(variant((p) => { p.resources.rg.type = "azure-native:insights:DataCollectionRule"; }), /resources\.rg\.type/);
  rejects(variant((p) => { p.resources.rg.type = "nosuchpkg:x:Y"; }), /resources\.rg\.type/);
});

test("rejects an unresolved reference, naming the place and the reference", () => {
  rejects(variant((p) => { p.resources.rg.properties.location = "${nowhere.location}"; }),
    /resources\.rg\.properties\.location: unresolved reference \$\{nowhere\.location\}/);
  rejects(variant((p) => { p.outputs.x = "prefix ${missing} suffix"; }), /outputs\.x: unresolved reference \$\{missing\}/);
  rejects(variant((p) => { p.resources.role.options.dependsOn = ["${ghost}"]; }), /resources\.role\.options\.dependsOn\[0\]: unresolved reference/);
});

test("rejects unknown functions, malformed function objects and bad fn::invoke tokens", () => {
  rejects(variant((p) => { p.outputs.x = { "fn::frobnicate": 1 }; }), /outputs\.x\.fn::frobnicate: unknown function/);
  rejects(variant((p) => { p.outputs.x = { "fn::secret": "a", other: 1 }; }), /outputs\.x: a function object must have exactly one key/);
  rejects(variant((p) => { p.outputs.x = { "fn::join": [","] }; }), /outputs\.x\.fn::join: expects \[delimiter, list\]/);
  rejects(variant((p) => { p.outputs.x = { "fn::invoke": { function: "aws:iam:getNothing" } }; }), /unknown function token "aws:iam:getNothing"/);
  rejects(variant((p) => { p.outputs.x = { "fn::invoke": { function: "aws:iam:getPolicyDocument", retrun: "json" } }; }), /outputs\.x\.fn::invoke\.retrun: unknown fn::invoke field/);
});

test("rejects unknown sections and fields, duplicate names and reference cycles", () => {
  rejects(variant((p) => { p.resourcez = {}; }), /resourcez: unknown top-level section/);
  rejects(variant((p) => { p.resources.rg.propertie = {}; }), /resources\.rg\.propertie: unknown resource field/);
  rejects(variant((p) => { p.variables.rg = "x"; }), /resources\.rg: name is declared twice/);
  rejects(variant((p) => { p.config.bad = { type: "Strin" }; }), /config\.bad\.type: unknown config type/);
  rejects(variant((p) => { p.variables.a = "${b}"; p.variables.b = "${a}"; }), /reference cycle: a → b → a/);
  rejects(variant((p) => { p.resources.role.options.dependsOn = ["${client}"]; }), /dependsOn\[0\]: \$\{client\} must name a resource/);
  rejects(variant((p) => { p.resources.role.options.provider = "literal"; }), /options\.provider: expects a resource reference/);
});

test("a bare resource is its ID in a property and the resource in options", () => {
  const ts = translate(baseProgram(), sdk);
  assert.match(ts, /new aws_iam\.RolePolicy\("policy", \{ role: role\.id, policy: "\{\}" \}\)/);
  assert.match(ts, /\{ dependsOn: \[role\] \}/);
});

test("property paths become typed output accesses; optional outputs are made non-null", () => {
  const ts = translate(variant((p) => {
    p.outputs.deep = "${dcr.dataFlows[0].streams[0]}";
    p.outputs.keyed = '${role.tags["cost-center"]}';
  }), sdk);
  assert.match(ts, /export const readerRoleArn = __defined\(role\.arn\);/);
  assert.match(ts, /export const deep = __defined\(dcr\.dataFlows\.apply\(\(v\) => v\?\.\[0\]\?\.streams\?\.\[0\]\)\);/);
  assert.match(ts, /export const keyed = __defined\(role\.tags\.apply\(\(v\) => v\?\.\["cost-center"\]\)\);/);
  assert.match(ts, /workspaceResourceId: pulumi\.interpolate`\/subscriptions\/\$\{__defined\(pulumi\.output\(client\)\.apply\(\(v\) => v\?\.subscriptionId\)\)\}\/x`/);
});

test("interpolation keeps literal text, escapes backticks and $${ and resolves pulumi builtins", () => {
  const ts = translate({ name: "p", outputs: { a: "cost `$${x}` on ${pulumi.stack}\\n", b: "$${only}", c: "${pulumi.project}" } }, sdk);
  assert.match(ts, /export const a = pulumi\.interpolate`cost \\`\\\$\{x\}\\` on \$\{pulumi\.getStack\(\)\}\\\\n`;/);
  assert.match(ts, /export const b = "\$\{only\}";/);
  assert.match(ts, /export const c = pulumi\.getProject\(\);/);
});

test("every $$ is one literal $, as pulumi-yaml's parseInterpolate reads it", () => {
  const ts = translate({ name: "p", outputs: { d: "a$$b$c", e: "$$$${x}" } }, sdk);
  assert.match(ts, /export const d = "a\$b\$c";/);
  assert.match(ts, /export const e = "\$\$\{x\}";/);
});

test("with configValues, a stack value is a literal of the host's guessed type; its declaration is not read", () => {
  const configValues = new Map([["n", { fullKey: "proj:n", text: "007", value: "007", type: "string", origin: "stack", secret: false }],
    ["s", { fullKey: "proj:s", text: "5", value: 5, type: "number", origin: "stack", secret: true }]]);
  const ts = translate({ name: "proj", config: { n: { type: "integer" } }, outputs: { a: "${n}", b: "${proj:s}", c: "x${n}" } }, sdk, { configValues });
  assert.doesNotMatch(ts, /requireNumber\("n"\)/);
  assert.match(ts, /export const a = \/\*@pulumi-yaml \["outputs\.a","n","007","string"\]\*\/ "007";/);
  assert.match(ts, /export const b = \/\*@pulumi-yaml \["outputs\.b","s","5","number"\]\*\/ pulumi\.secret\(5\);/);
  assert.match(ts, /export const c = pulumi\.interpolate`x\$\{\/\*@pulumi-yaml .*\*\/ "007"\}`;/);
});

test("config is read with the declared type; namespaced keys use their namespace", () => {
  const ts = translate({ name: "proj", config: {
    "proj:mode": { type: "string", default: "worker" }, n: { type: "integer" }, flag: { type: "boolean", default: false },
    list: { type: "List<String>" }, "aws:region": { type: "string" }, secret: { type: "string", secret: true },
  }, outputs: { m: "${mode}", r: "${aws:region}", s: "${secret}", n: "${n}", f: "${flag}", l: "${list}" } }, sdk);
  assert.match(ts, /const proj_config = new pulumi\.Config\("proj"\);/);
  assert.match(ts, /const proj_mode = \(proj_config\.get\("mode"\) \?\? "worker"\);/);
  assert.match(ts, /const n = _config\.requireNumber\("n"\);/);
  assert.match(ts, /const flag = \(_config\.getBoolean\("flag"\) \?\? false\);/);
  assert.match(ts, /const list = _config\.requireObject<string\[\]>\("list"\);/);
  assert.match(ts, /const aws_region = aws_config\.require\("region"\);/);
  assert.match(ts, /const secret = _config\.requireSecret\("secret"\);/);
  assert.match(ts, /export const m = proj_mode;/);
});

test("declarations are ordered by their references", () => {
  const ts = translate({ resources: {
    b: { type: "aws:iam:RolePolicy", properties: { role: "${a}", policy: "${doc}" } },
    a: { type: "aws:iam:Role", properties: { assumeRolePolicy: "{}" } },
  }, variables: { doc: { "fn::toJSON": { r: "${a.arn}" } } } }, sdk);
  assert.ok(ts.indexOf("const a =") < ts.indexOf("const doc =") && ts.indexOf("const doc =") < ts.indexOf("const b ="), ts);
});

test("get resources use Class.get with state only where the SDK takes one", () => {
  const ts = translate({ resources: {
    ws: { type: "azure-native:operationalinsights:Workspace", get: { id: "/subscriptions/x" }, options: { retainOnDelete: true } },
    r: { type: "aws:iam:Role", get: { id: "name", state: { name: "name" } } },
  } }, sdk);
  assert.match(ts, /azure_native_operationalinsights\.Workspace\.get\("ws", "\/subscriptions\/x", \{ retainOnDelete: true \}\)/);
  assert.match(ts, /aws_iam\.Role\.get\("r", "name", \{ name: "name" \}\)/);
  rejects({ resources: { ws: { type: "azure-native:operationalinsights:Workspace", get: { id: "x", state: {} } } } }, /resources\.ws\.get\.state/);
});

test("names that are not identifiers or collide get distinct identifiers; output names are kept", () => {
  const ts = translate({ resources: {
    "my-role": { type: "aws:iam:Role", properties: { assumeRolePolicy: "{}" } },
    "aws_iam": { type: "aws:iam:Role", properties: { assumeRolePolicy: "{}" } },
    "class": { type: "aws:iam:Role", properties: { assumeRolePolicy: "{}" } },
  }, outputs: { "my-role": "x", aws_iam: "${aws_iam.arn}" } }, sdk).split("\n");
  assert.ok(ts.includes('const my_role = new aws_iam_2.Role("my-role", { assumeRolePolicy: "{}" });'), ts.join("\n"));
  assert.ok(ts.includes('export { my_role_output as "my-role" };'), ts.join("\n"));
  assert.ok(ts.some((l) => l.startsWith('const _class = new ')), ts.join("\n"));
  assert.ok(ts.includes('import * as aws_iam_2 from "@pulumi/aws/iam";'), ts.join("\n"));
  assert.ok(ts.includes("export { aws_iam_output as aws_iam };"), ts.join("\n"));
});

test("assets and archives become pulumi.asset classes", () => {
  const ts = translate({ outputs: { a: { "fn::assetArchive": { f: { "fn::fileAsset": "./f" }, s: { "fn::stringAsset": "x" }, d: { "fn::fileArchive": "./d" } } } } }, sdk);
  assert.match(ts, /new pulumi\.asset\.AssetArchive\(\{ f: new pulumi\.asset\.FileAsset\("\.\/f"\), s: new pulumi\.asset\.StringAsset\("x"\), d: new pulumi\.asset\.FileArchive\("\.\/d"\) \}\)/);
});

test("fn::invoke passes arguments only to functions that take them, then the invoke options", () => {
  const ts = translate({ variables: {
    c: { "fn::invoke": { function: "azure-native:authorization:getClientConfig", arguments: {}, options: { version: "3.28.0" } } },
    p: { "fn::invoke": { function: "aws:getPartition", return: "partition" } },
    d: { "fn::invoke": { function: "aws:iam/getPolicyDocument:getPolicyDocument", arguments: { version: "2012-10-17" }, options: { version: "7.48.0" }, return: "json" } },
  } }, sdk);
  assert.match(ts, /const c = azure_native_authorization\.getClientConfigOutput\(\{ version: "3\.28\.0" \}\);/);
  assert.match(ts, /const p = __defined\(aws_getPartition\.getPartitionOutput\(\{\}\)\.apply\(\(r\) => r\.partition\)\);/);
  assert.match(ts, /const d = __defined\(aws_iam\.getPolicyDocumentOutput\(\{ version: "2012-10-17" \}, \{ version: "7\.48\.0" \}\)\.apply\(\(r\) => r\.json\)\);/);
  rejects({ variables: { c: { "fn::invoke": { function: "azure-native:authorization:getClientConfig", arguments: { x: 1 } } } } },
    /variables\.c\.fn::invoke\.arguments: azure-native:authorization:getClientConfig takes no arguments/);
});

test("a provider version other than the one the gate checks against is refused", () => {
  rejects(variant((p) => { p.resources.role.options.version = "7.47.0"; }),
    /resources\.role\.options\.version: "7\.47\.0" is not the version of @pulumi\/aws the gate checks against \(7\.48\.0\)/);
  rejects({ variables: { c: { "fn::invoke": { function: "azure-native:authorization:getClientConfig", options: { version: "3.0.0" } } } } },
    /variables\.c\.fn::invoke\.options\.version: "3\.0\.0" is not the version of @pulumi\/azure-native/);
  assert.match(translate(variant((p) => { p.resources.role.options.version = "7.48.0"; }), sdk), /protect: false, version: "7\.48\.0"/);
});
