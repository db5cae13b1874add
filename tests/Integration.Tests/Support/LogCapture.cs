using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SentinelAwsIac.Integration.Tests.Support;

/// <summary>The worker's log lines (warnings and errors) of a test, so a failing assertion can say what the worker saw.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The captured lines, one per line, for an assertion message.</summary>
    public override string ToString() => _lines.IsEmpty ? "(no warnings or errors logged)" : string.Join("\n", _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}";
            if (exception is not null) line += $" [{exception.GetType().Name}: {exception.Message}]";
            lines.Enqueue(line);
        }
    }
}
