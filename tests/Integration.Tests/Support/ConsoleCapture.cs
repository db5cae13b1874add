using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace SentinelAwsIac.Integration.Tests.Support;

/// <summary>
/// What the worker would write to its console: every entry the harness's loggers see (warnings and above), written
/// by the console formatter the worker's own configuration names (<c>Logging:Console:FormatterName</c> in
/// connector/appsettings.json) with its options, the one App Service's console log category captures. The console
/// itself is not read (it is one per test process).
/// </summary>
public sealed class ConsoleCapture
{
    private readonly ConcurrentQueue<string> _writes = new();

    /// <summary>Each entry's text exactly as the formatter wrote it, newline included.</summary>
    public IReadOnlyList<string> Writes => [.. _writes];

    /// <summary>A logger provider that formats with the host's configured console formatter.</summary>
    public ILoggerProvider ProviderFor(IServiceProvider services)
    {
        var name = services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName;
        var formatter = services.GetServices<ConsoleFormatter>().SingleOrDefault(f => f.Name == name)
            ?? throw new InvalidOperationException($"no console formatter named '{name}' is registered");
        return new Provider(formatter, _writes);
    }

    private sealed class Provider(ConsoleFormatter formatter, ConcurrentQueue<string> writes) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, formatter, writes, () => _scopes);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose() { }
    }

    private sealed class Logger(string category, ConsoleFormatter formatter, ConcurrentQueue<string> writes, Func<IExternalScopeProvider> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => scopes().Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> format)
        {
            using var text = new StringWriter();
            formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, format), scopes(), text);
            writes.Enqueue(text.ToString());
        }
    }
}
