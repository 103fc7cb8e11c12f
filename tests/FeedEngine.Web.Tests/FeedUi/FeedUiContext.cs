using Bunit;
using FeedEngine.Web.Client;
using FeedEngine.Web.Client.Talk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FeedEngine.Web.Tests.FeedUi;

/// <summary>A bunit context with the feed's browser services: a fake hub and clock, loose JS interop (sessionStorage calls succeed).</summary>
public abstract class FeedUiContext : IDisposable
{
    protected BunitContext Context { get; } = new();
    protected FakeConversationHub Hub { get; } = new();
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    protected FeedUiContext()
    {
        // Two busy cores: give renders after stream events time, without sleeping.
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddFeedClient(new Uri("http://feed.test/"));
        Context.Services.AddSingleton<TimeProvider>(Clock);
        Context.Services.AddSingleton<IConversationHub>(Hub);
    }

    public void Dispose()
    {
        Context.Dispose();
        GC.SuppressFinalize(this);
    }
}
