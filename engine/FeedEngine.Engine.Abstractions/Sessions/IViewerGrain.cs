namespace FeedEngine.Engine.Abstractions.Sessions;

/// <summary>A viewer: their current session on each post and their per-viewer limits. Key: the viewer's user id (the token's <c>sub</c>).</summary>
[Alias("feed.viewer")]
public interface IViewerGrain : IGrainWithStringKey
{
    /// <summary>The viewer's current session on the post, created when there is none.</summary>
    [Alias("start-session")]
    Task<SessionOutcome<SessionSnapshot>> StartSessionAsync(string postId);

    /// <summary>A fresh session on the post; it becomes the current one, the old one stays in the viewer's history.</summary>
    [Alias("new-session")]
    Task<SessionOutcome<SessionSnapshot>> NewSessionAsync(string postId);

    /// <summary>Takes one send from the viewer's allowance (sends per minute, across all their sessions).</summary>
    [Alias("acquire-send")]
    Task<SendPermit> AcquireSendAsync();
}

[GenerateSerializer, Immutable, Alias("feed.SendPermit")]
public sealed record SendPermit
{
    [Id(0)] public bool Granted { get; init; }
    [Id(1)] public int RetryAfterSeconds { get; init; }
}
