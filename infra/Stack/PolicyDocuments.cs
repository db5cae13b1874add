using SentinelAwsIac.Infra.Pulumi;
using SentinelAwsIac.Infra.Pulumi.Aws.Iam;
using SentinelAwsIac.Infra.Pulumi.Aws.Iam.Inputs;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>IAM policy documents rendered by the aws provider (aws:iam:getPolicyDocument): a condition key may then
/// contain an output (the tenant ID), which a map key of the program cannot.</summary>
public static class PolicyDocuments
{
    public const string Version = "2012-10-17";

    /// <summary>A document of one statement.</summary>
    public static GetPolicyDocumentInvokeArgs Of(GetPolicyDocumentStatementInputArgs statement) =>
        new() { Version = Version, Statements = { statement } };

    public static GetPolicyDocumentStatementConditionInputArgs StringEquals(Input<string> variable, Input<string> value) =>
        new() { Test = "StringEquals", Variable = variable, Values = { value } };

    public static GetPolicyDocumentStatementPrincipalInputArgs Principal(string type, Input<string> identifier) =>
        new() { Type = type, Identifiers = { identifier } };
}
