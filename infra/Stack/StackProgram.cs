using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Model;
using SentinelAwsIac.Infra.Monitoring;
using SentinelAwsIac.Infra.Packaging;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>
/// The whole stack, top to bottom as the architecture reads: the accounts, the worker's identity, the AWS side of
/// the trust, the Azure side where rows land, then the worker (or, in sentinel mode, Microsoft's connector), then what an operator and an analyst look at.
/// </summary>
public static class StackProgram
{
    public const string Description = "AWS CloudTrail into Microsoft Sentinel: both sides of the trust and the connector worker, in one stack.";

    public static PulumiProgram Build(StackSettings settings, ConnectorPackage package)
    {
        var program = new PulumiProgram(ConfigKeys.Namespace, Description);
        var stack = new StackContext(program, settings, package);

        SharedFacts.Add(stack);
        if (stack.IsWorker)
        {
            WorkerIdentity.Add(stack);
        }

        AwsSide.Add(stack);
        AzureLogsSide.Add(stack);
        if (stack.IsWorker)
        {
            WorkerHosting.Add(stack);
        }
        else
        {
            SentinelConnector.Add(stack);
        }

        SentinelContent.Add(stack);
        if (stack.IsWorker && settings.HasAlertEmail)
        {
            HealthAlerts.Add(stack);
        }

        StackOutputs.Add(stack);
        return program;
    }
}
