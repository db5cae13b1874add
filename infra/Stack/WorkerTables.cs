using SentinelAwsIac.Contracts;
using SentinelAwsIac.Infra.Config;
using SentinelAwsIac.Infra.Explain;
using SentinelAwsIac.Infra.Pulumi.AzureNative.OperationalInsights;
using SentinelAwsIac.Infra.Pulumi.AzureNative.OperationalInsights.Inputs;

namespace SentinelAwsIac.Infra.Stack;

/// <summary>The worker's custom tables in the workspace: the CloudTrail rows' (destination customTable) and the
/// health rows' (a custom table in every destination mode, plan Analytics so the alert rules can query it).
/// Both hold ingested rows, so a destroy keeps them unless the stack opted in to deleting its data (<see cref="KeptOnDestroy"/>).</summary>
public sealed record WorkerTables(Table? CloudTrail, Table Health)
{
    /// <summary>The tables the data collection rule's flows write to, which must exist before it.</summary>
    public IEnumerable<Table> All => CloudTrail is null ? [Health] : [CloudTrail, Health];

    public static WorkerTables Create(StackSettings settings, SentinelWorkspace workspace)
    {
        ResourceNotes.Section("Azure: where the worker's rows go");
        Table? cloudTrail = null;
        if (settings.Destination == DestinationKind.CustomTable)
        {
            cloudTrail = new Table("cloudTrailTable", Args(workspace, settings.TableName, CloudTrailTable.Columns, "AWS CloudTrail management events, with the columns of the built-in AWSCloudTrail table.", settings.TablePlan, settings.TableRetentionDays), KeptOnDestroy.HoldsData(settings))
                .Purpose("Custom table for the CloudTrail rows, with the built-in AWSCloudTrail table's columns.");
        }

        var health = new Table("connectorHealthTable", Args(workspace, HealthTable.DefaultName, HealthTable.Columns, "Health of the sentinel-aws-iac worker: one row per partition (AWS account × region) per interval.", "Analytics", retentionInDays: null), KeptOnDestroy.HoldsData(settings))
            .Purpose("Custom table for the worker's health rows (state, lag, events, errors per partition), which the workbook and the alert rules read.");
        return new WorkerTables(cloudTrail, health);
    }

    /// <summary>A custom table whose columns are one of the contracts' column lists, in table types.</summary>
    private static TableArgs Args(SentinelWorkspace workspace, string tableName, IReadOnlyList<Column> columns, string description, string plan, int? retentionInDays)
    {
        var schema = new SchemaArgs { Name = tableName, Description = description };
        foreach (var column in columns)
        {
            schema.Columns.Add(new ColumnArgs { Name = column.Name, Type = column.TableType, Description = column.Description });
        }

        var args = new TableArgs
        {
            ResourceGroupName = workspace.ResourceGroupName,
            WorkspaceName = workspace.Name,
            TableName = tableName,
            Schema = schema,
            Plan = plan,
        };
        if (retentionInDays is { } days)
        {
            args.RetentionInDays = days;
        }

        return args;
    }
}
