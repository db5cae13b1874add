namespace SentinelAwsIac.Connector.Core;

/// <summary>
/// End-to-end acknowledgement of one record, as Vector threads finalizers from source to sink: the sink
/// calls <see cref="Delivered"/> once per record when the service acknowledged the upload that carried it
/// (HTTP 204), or when the record was written to the dead-letter store. A partition's checkpoint advances
/// only past records that were all delivered.
/// </summary>
public interface IDeliveryAck
{
    void Delivered();
}
