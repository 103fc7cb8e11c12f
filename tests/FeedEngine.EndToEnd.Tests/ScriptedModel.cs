using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>
/// The model the browser tests' app talks to: a scripted <see cref="IChatClient"/> at the model boundary (the tests are
/// about the feed, the hub and the browser, not about generation). A message about the tower moves a game's location
/// with a state block; a message asking for a "long story" stops after its first words until the test releases it,
/// so a test can refresh the page in the middle of a reply. The studio's posts (their state has an <c>alarm</c>) get the
/// <see cref="NarratorChatClient"/> instead.
/// </summary>
public sealed class ScriptedModel : IChatClient
{
    readonly NarratorChatClient narrator = new();
    TaskCompletionSource release = NewGate();

    /// <summary>The model that answers messages carrying pictures (the app's configured vision model); none: scripted text.</summary>
    public Func<CancellationToken, ValueTask<IChatClient>>? SeeingModel { get; set; }

    /// <summary>Lets the reply that is waiting (or the next one) finish.</summary>
    public void Release() => release.TrySetResult();

    /// <summary>Makes the next long story wait again.</summary>
    public void Hold() => release = NewGate();

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        if (SeeingModel is { } seeing && list.Any(m => m.Contents.OfType<DataContent>().Any(d => d.HasTopLevelMediaType("image"))))
        {
            // A message with a picture: the real tiny vision model answers it (VisionModel.cs).
            await foreach (var update in (await seeing(cancellationToken)).GetStreamingResponseAsync(list, options, cancellationToken)) yield return update;
            yield break;
        }
        if (MemoryScript.IsExtraction(list))
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, MemoryScript.Answer(list));
            yield break;
        }
        if (list.FirstOrDefault(m => m.Role == ChatRole.System)?.Text.Contains("alarm", StringComparison.Ordinal) == true)
        {
            await foreach (var update in narrator.GetStreamingResponseAsync(list, options, cancellationToken)) yield return update;
            yield break;
        }
        var last = list.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        string[] tokens;
        if (list.FirstOrDefault(m => m.Role == ChatRole.System)?.Text.Contains("in a message labelled \"Sponsored\"", StringComparison.Ordinal) == true)
            tokens = ["The brand here: ", "a dark roast, ", "smoked by the sea."]; // a brand persona answering a viewer (SponsoredConversationTests)
        else if (last.Contains("tower", StringComparison.OrdinalIgnoreCase))
            tokens = ["You climb ", "the spiral ", "stairs. ", "<state>{\"set\":{\"location\":\"lighthouse\"}}</state>", "The lamp room ", "is cold."];
        else if (last.Contains("long story", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var token in new[] { "Once, ", "when the ", "light still turned, ", "the harbor slept ", "under a thin blanket ", "of sea fog ", "and gulls ", "kept watch. " })
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, token);
                await Task.Yield();
            }
            await release.Task.WaitAsync(cancellationToken);
            tokens = ["a keeper ", "climbed the stairs ", "every night ", "and never missed one."];
        }
        else
            tokens = ["Hello ", "there, ", "traveller."];
        foreach (var token in tokens)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, token);
            await Task.Yield();
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Hello there, traveller.")));

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>The app the browser tests share: FeedEngine as it runs, with <see cref="ScriptedModel"/> as its model.</summary>
public sealed class BrowserFeedEngineApp : Web.Tests.FeedEngineApp
{
    public ScriptedModel Model { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [.. base.Settings(), .. VisionModel.Settings(DataDirectory)];

    /// <summary>The clock memory extraction waits on: sessions go quiet only when a test moves it.</summary>
    public QuietClock Quiet { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IChatClient>(sp => Model.SeeingFrom(sp));
            services.AddSingleton(new Engine.Memory.MemoryClock(Quiet));
        });
    }
}
