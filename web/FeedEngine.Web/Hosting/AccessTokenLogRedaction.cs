using System.Collections;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FeedEngine.Web.Hosting;

/// <summary>
/// Browsers cannot set headers on a WebSocket, so the hub's access token travels in the <c>access_token</c> query string,
/// and every log line that carries a request URL would carry the token: ASP.NET Core hosting's "Request starting" and
/// "Request finished" lines, Kestrel's bad-request lines, anything of ours. Every logger the app creates is wrapped so a
/// log entry whose message or values hold <c>access_token=...</c> reaches the providers (console, OpenTelemetry, a
/// test's) with the value replaced by <see cref="Redacted"/>. Traces are covered by the OpenTelemetry ASP.NET Core
/// instrumentation, which redacts query values itself.
/// </summary>
public static partial class AccessTokenLogRedaction
{
    public const string Redacted = "[redacted]";
    const string Parameter = "access_token";

    /// <summary>Replaces the logger factory with one whose loggers redact access tokens (providers added later are covered too).</summary>
    public static IServiceCollection AddAccessTokenLogRedaction(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>()))));
        return services;
    }

    /// <summary><paramref name="text"/> with every <c>access_token</c> query value replaced.</summary>
    public static string Redact(string text) =>
        text.Contains(Parameter, StringComparison.OrdinalIgnoreCase) ? TokenValue().Replace(text, Redacted) : text;

    [GeneratedRegex(@"(?<=\baccess_token=)[^&\s""'#]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenValue();

    static bool Holds(object? value) => value switch
    {
        string s => s.Contains(Parameter, StringComparison.OrdinalIgnoreCase),
        QueryString q => q.Value?.Contains(Parameter, StringComparison.OrdinalIgnoreCase) == true,
        Uri u => u.OriginalString.Contains(Parameter, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    sealed class RedactingLoggerFactory(LoggerFactory inner) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel)) return;
            // Structured entries (LoggerMessage, message templates, hosting's request lines) are checked by their values
            // without formatting; anything else is formatted once to look.
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                if (!values.Any(v => Holds(v.Value)))
                {
                    inner.Log(logLevel, eventId, state, exception, formatter);
                    return;
                }
                inner.Log(logLevel, eventId, new RedactedState(values, Redact(formatter(state, exception))), exception, static (s, _) => s.Message);
                return;
            }
            var message = formatter(state, exception);
            if (!Holds(message)) inner.Log(logLevel, eventId, state, exception, formatter);
            else inner.Log(logLevel, eventId, new RedactedState([], Redact(message)), exception, static (s, _) => s.Message);
        }
    }

    /// <summary>An entry's values with the token-bearing ones redacted (as strings), and its redacted message.</summary>
    sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        readonly KeyValuePair<string, object?>[] items = values
            .Select(v => Holds(v.Value) ? new KeyValuePair<string, object?>(v.Key, Redact(v.Value switch
            {
                QueryString q => q.Value ?? "",
                Uri u => u.OriginalString,
                var other => other?.ToString() ?? "",
            })) : v)
            .ToArray();

        public string Message => message;

        public KeyValuePair<string, object?> this[int index] => items[index];

        public int Count => items.Length;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)items).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }
}
