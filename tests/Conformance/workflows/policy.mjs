// The repository's rules for GitHub Actions workflows (docs/ci.md), as a function from a workflow's text to
// its violations, so the rules are tested on bad fixtures as well as applied to .github/workflows:
//   - no long-lived secret: no `secrets.*` reference but GITHUB_TOKEN, and none of the names or inputs that carry a
//     static cloud key (AWS access keys, an Azure client secret or creds JSON, storage keys, Pulumi tokens/passphrases);
//   - every job declares its own `permissions` (the workflow-level default is `{}`), and a job that logs in to a
//     cloud has `id-token: write` and logs in by OIDC (azure/login with client-id, AWS with role-to-assume);
//   - every `uses:` of another repository is pinned by a 40-hex commit SHA with the tag in a comment.
import yaml from "js-yaml";

const longLivedSecretNames = [
  "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "aws-secret-access-key", "aws-access-key-id", "aws-session-token",
  "AZURE_CLIENT_SECRET", "ARM_CLIENT_SECRET", "client-secret", "clientSecret", "AZURE_CREDENTIALS",
  "AZURE_STORAGE_KEY", "ARM_ACCESS_KEY", "PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE",
];

const pinned = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(\/[^@\s]+)?@[0-9a-f]{40}$/;

/** Violations of one workflow, each "<where>: <what>"; [] when it follows every rule. */
export function workflowViolations(text) {
  const violations = [];
  let doc;
  try {
    doc = yaml.load(text);
  } catch (e) {
    return [`yaml: ${e.message}`];
  }
  if (!doc || typeof doc !== "object" || !doc.jobs || typeof doc.jobs !== "object") return ["workflow: no jobs"];

  const lines = text.split("\n");
  lines.forEach((line, i) => {
    const code = line.replace(/(^|\s)#.*$/, "");
    for (const m of code.matchAll(/secrets\.([A-Za-z0-9_]+)/g)) {
      if (m[1] !== "GITHUB_TOKEN") violations.push(`line ${i + 1}: references secrets.${m[1]}; CI logs in by OIDC only`);
    }
    for (const name of longLivedSecretNames) {
      if (code.toLowerCase().includes(name.toLowerCase())) violations.push(`line ${i + 1}: mentions ${name}, a long-lived secret`);
    }
    if (/^\s*creds\s*:/.test(code)) violations.push(`line ${i + 1}: azure/login creds (a client secret in JSON)`);
    const uses = code.match(/^\s*(?:-\s*)?uses\s*:\s*["']?([^"'\s]+)["']?\s*$/);
    if (uses && !uses[1].startsWith("./")) {
      if (!pinned.test(uses[1])) violations.push(`line ${i + 1}: ${uses[1]} is not pinned by a full commit SHA`);
      else if (!/#\s*v\d/.test(line)) violations.push(`line ${i + 1}: ${uses[1]} has no tag comment (# vX.Y.Z)`);
    }
  });

  for (const [id, job] of Object.entries(doc.jobs)) {
    if (!job || typeof job !== "object") continue;
    if (!("permissions" in job)) violations.push(`job ${id}: declares no permissions`);
    const steps = Array.isArray(job.steps) ? job.steps : [];
    const logsIn = steps.filter((s) => typeof s?.uses === "string" && /^(azure\/login|aws-actions\/configure-aws-credentials)@/.test(s.uses));
    if (logsIn.length > 0 && job.permissions?.["id-token"] !== "write") violations.push(`job ${id}: logs in to a cloud without id-token: write`);
    for (const step of logsIn) {
      if (step.uses.startsWith("azure/login@") && !step.with?.["client-id"]) violations.push(`job ${id}: azure/login without client-id (not OIDC)`);
      if (step.uses.startsWith("aws-actions/") && !step.with?.["role-to-assume"]) violations.push(`job ${id}: AWS credentials without role-to-assume (not OIDC)`);
    }
  }
  return violations;
}
