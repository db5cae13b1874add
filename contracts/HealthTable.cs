namespace SentinelAwsIac.Contracts;

/// <summary>
/// One row per partition (AWS account × region) per health interval, written by the worker through a
/// second stream of the same DCR. Single definition for the table, the stream and the worker's writer.
/// </summary>
public static class HealthTable
{
    public const string DefaultName = "AWSCloudTrailConnectorHealth_CL";

    /// <summary>
    /// The values of the <c>State</c> column, the one definition shared by the worker that writes them
    /// (connector/Health) and the KQL that reads them (infra/Monitoring: the alert rules and the workbook).
    /// Lower case, compared with <c>==</c> (case-sensitive) in KQL, so a change here changes both sides together.
    /// </summary>
    public static class States
    {
        /// <summary>Reading and delivering normally.</summary>
        public const string Running = "running";

        /// <summary>CloudTrail answered ThrottlingException in the interval; the partition backs off and goes on.</summary>
        public const string Throttled = "throttled";

        /// <summary>The region is not enabled for the account (opt-in region); retried later, not an error.</summary>
        public const string Parked = "parked";

        /// <summary>The partition cannot read or deliver (errors, or stalled); the failing alert watches for it.</summary>
        public const string Failing = "failing";
    }

    public static readonly IReadOnlyList<Column> Columns =
    [
        new("TimeGenerated", ColumnType.DateTime, "when the worker wrote the row"),
        new("Partition", ColumnType.String, "account/region"),
        new("AccountId", ColumnType.String, "AWS account of the partition"),
        new("Region", ColumnType.String, "AWS region of the partition"),
        new("State", ColumnType.String, $"{States.Running}, {States.Throttled}, {States.Parked} or {States.Failing}"),
        new("NewestEventTime", ColumnType.DateTime, "eventTime of the newest event written so far"),
        new("LagSeconds", ColumnType.Real, "seconds between now and the partition's checkpoint"),
        new("Events", ColumnType.Long, "events written in the interval"),
        new("DeadLetters", ColumnType.Long, "records dead-lettered in the interval"),
        new("Throttles", ColumnType.Long, "ThrottlingException answers in the interval"),
        new("LastError", ColumnType.String, "the last error of the partition, if any"),
        new("WorkerVersion", ColumnType.String, "version of the worker that wrote the row"),
    ];

    public static readonly TableSchema Schema = new(DefaultName, Columns);
}
