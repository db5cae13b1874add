namespace SentinelAwsIac.Connector.Tests.Azurite;

/// <summary>Records the Authorization scheme of every request as it goes on the wire (the transport's handler).</summary>
public sealed class AuthorizationRecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly List<string> _schemes = [];

    /// <summary>Each request's Authorization scheme ("Bearer", "SharedKey"), or "" without the header.</summary>
    public IReadOnlyList<string> Schemes { get { lock (_schemes) return [.. _schemes]; } }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_schemes) _schemes.Add(request.Headers.Authorization?.Scheme ?? "");
        return base.SendAsync(request, cancellationToken);
    }
}
