using Microsoft.Extensions.Logging;

namespace RegisFlow.Domain.Monitoring;

/// <summary>
/// A logger provider that writes nothing: it counts the entries logged at Error or above (unhandled request and
/// circuit errors, failed jobs) so that an error rate can raise an alert and be scraped.
/// </summary>
public sealed class ErrorCounter(TimeProvider clock, RegisFlowMetrics metrics) : ILoggerProvider
{
    private const int Kept = 10_000;
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly Lock _gate = new();

    /// <summary>Errors logged in the window that ends now.</summary>
    public int CountSince(DateTimeOffset since)
    {
        lock (_gate)
        {
            while (_recent.TryPeek(out var oldest) && oldest < since)
            {
                _recent.Dequeue();
            }
            return _recent.Count;
        }
    }

    private void Add(string category)
    {
        metrics.ErrorLogged(category);
        lock (_gate)
        {
            _recent.Enqueue(clock.GetUtcNow());
            if (_recent.Count > Kept)
            {
                _recent.Dequeue();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Counting(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Counting(ErrorCounter counter, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                counter.Add(category);
            }
        }
    }
}
