using SentinelAwsIac.Infra.Config;
using static SentinelAwsIac.Infra.Model.Fn;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>What <c>pulumi stack output</c> shows: the identifiers a person needs to check or reuse the stack.</summary>
public static class StackOutputs
{
    public static void Add(StackContext stack)
    {
        var program = stack.Program;
        program.Output("readerRoleArn", Ref(Names.ReaderRole, "arn"));
        // Not a secret to AWS, but only the trusted principal should know it: kept out of plain output.
        program.Output("externalId", Secret(stack.IsWorker ? Ref(Names.ExternalIdValue) : Ref(Names.Workspace, "customerId")));
        program.Output("workspaceCustomerId", Ref(Names.Workspace, "customerId"));
        program.Output("workspaceResourceId", Ref(Names.WorkspaceId));
        program.Output("workbookName", Ref(Names.WorkbookId, "result"));
        if (!stack.IsWorker)
        {
            program.Output("table", "AWSCloudTrail");
            return;
        }

        program.Output("table", stack.Settings.Destination == DestinationKind.CustomTable ? Ref(Names.CloudTrailTable, "name") : stack.Settings.DestinationTable);
        program.Output("dceEndpoint", Ref(Names.IngestionEndpoint, "logsIngestion.endpoint"));
        program.Output("dcrImmutableId", Ref(Names.IngestionRule, "immutableId"));
        program.Output("stream", stack.Settings.InputStream);
        program.Output("healthTable", Ref(Names.HealthTable, "name"));
        program.Output("healthStream", stack.Settings.HealthStream);
        program.Output("cloudTrailFunction", Monitoring.CloudTrailQueries.FunctionAlias);
        program.Output("workerUrl", $"https://{Ref(Names.WorkerApp, "defaultHostName")}");
        if (stack.Settings.Broker == BrokerKind.WebIdentity)
        {
            program.Output("brokerRoleArn", Ref(Names.BrokerRole, "arn"));
        }
    }
}
