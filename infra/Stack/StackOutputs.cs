using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Monitoring;
using SentinelAwsIac.Infra.Pulumi;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>What <c>pulumi stack output</c> shows: the identifiers a person needs to check or reuse the stack.</summary>
public static class StackOutputs
{
    public static Dictionary<string, object?> Of(StackSettings settings, AwsSide aws, SentinelWorkspace workspace, SentinelContent content, WorkerOutputs? worker)
    {
        var outputs = new Dictionary<string, object?>
        {
            ["readerRoleArn"] = aws.ReaderRole.Arn,
            // Not a secret to AWS, but only the trusted principal should know it: kept out of plain output.
            ["externalId"] = Output.CreateSecret(aws.ExternalId),
            ["workspaceCustomerId"] = workspace.Workspace.CustomerId,
            ["workspaceResourceId"] = workspace.Id,
            ["workbookName"] = content.WorkbookId.Result,
        };
        if (worker is null)
        {
            outputs["table"] = CloudTrailQueries.BuiltInTable;
            return outputs;
        }

        outputs["table"] = worker.Tables.CloudTrail is { } table ? table.Name : settings.DestinationTable;
        outputs["dceEndpoint"] = worker.Ingestion.Endpoint.LogsIngestion.Apply(l => l!.Endpoint);
        outputs["dcrImmutableId"] = worker.Ingestion.Rule.ImmutableId;
        outputs["stream"] = settings.InputStream;
        outputs["healthTable"] = worker.Tables.Health.Name;
        outputs["healthStream"] = settings.HealthStream;
        outputs["cloudTrailFunction"] = CloudTrailQueries.FunctionAlias;
        outputs["workerUrl"] = Output.Format($"https://{worker.Hosting.App.DefaultHostName}");
        if (aws.Broker is { } broker)
        {
            outputs["brokerRoleArn"] = broker.Role.Arn;
        }

        return outputs;
    }

    /// <summary>Adds <c>keptOnDestroy</c> (<see cref="KeptOnDestroy.Output"/>) when a destroy keeps any of <paramref name="holdingData"/>.</summary>
    public static Dictionary<string, object?> WithKept(Dictionary<string, object?> outputs, IEnumerable<CustomResource?> holdingData)
    {
        if (KeptOnDestroy.Output(holdingData) is { } kept)
        {
            outputs["keptOnDestroy"] = kept;
        }

        return outputs;
    }
}

/// <summary>What worker mode adds to the outputs.</summary>
public sealed record WorkerOutputs(WorkerTables Tables, Ingestion Ingestion, WorkerHosting Hosting);
