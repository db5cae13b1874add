// A small valid program and a way to derive broken variants from it, for the gate's negative tests. Valid for
// pulumi-yaml too (pulumi-yaml/RULES.md): the stacks in testdata/stacks set externalId, a secret wrapped at its use.
export function baseProgram() {
  return {
    name: "conformance-test",
    config: { externalId: { type: "string", secret: true }, regions: { type: "string", default: "us-east-1" } },
    variables: {
      client: { "fn::invoke": { function: "azure-native:authorization:getClientConfig" } },
    },
    resources: {
      role: {
        type: "aws:iam:Role",
        properties: {
          namePrefix: "reader-",
          maxSessionDuration: 3600,
          assumeRolePolicy: { "fn::toJSON": { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole",
            Principal: { AWS: "arn:aws:iam::123456789012:root" }, Condition: { StringEquals: { "sts:ExternalId": { "fn::secret": "${externalId}" } } } }] } },
        },
        options: { protect: false },
      },
      policy: { type: "aws:iam/rolePolicy:RolePolicy", properties: { role: "${role}", policy: "{}" } },
      rg: { type: "azure-native:resources:ResourceGroup", properties: { location: "westeurope" } },
      dcr: {
        type: "azure-native:monitor:DataCollectionRule",
        properties: {
          resourceGroupName: "${rg.name}",
          destinations: { logAnalytics: [{ name: "la", workspaceResourceId: "/subscriptions/${client.subscriptionId}/x" }] },
        },
        options: { dependsOn: ["${role}"] },
      },
    },
    outputs: { readerRoleArn: "${role.arn}", dcrImmutableId: "${dcr.immutableId}" },
  };
}

/** Returns a copy of the base program with `mutate` applied to it. */
export function variant(mutate) {
  const program = baseProgram();
  mutate(program);
  return program;
}
