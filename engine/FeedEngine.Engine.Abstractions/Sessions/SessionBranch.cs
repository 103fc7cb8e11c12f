namespace FeedEngine.Engine.Abstractions.Sessions;

/// <summary>
/// One path through a session's turns, as listed in a snapshot: the parent's turns up to <see cref="ForkTurnSeq"/>, then
/// its own. <c>main</c> has no parent. Earlier branches stay readable; <c>SwitchBranch</c> makes one current again.
/// </summary>
[GenerateSerializer, Immutable, Alias("feed.SessionBranch")]
public sealed record SessionBranch
{
    [Id(0)] public required string BranchId { get; init; }
    [Id(1)] public string? ParentBranchId { get; init; }

    /// <summary>The last turn the branch shares with its parent (0: it starts after the greeting).</summary>
    [Id(2)] public long ForkTurnSeq { get; init; }

    /// <summary><c>main</c>, <c>regenerate</c> (a new answer to a message) or <c>branch</c> (a new path from an earlier turn).</summary>
    [Id(3)] public string Kind { get; init; } = "";

    [Id(4)] public DateTime CreatedAt { get; init; }
}

/// <summary>What a shared session's owner gives to others: the room code, and a link that opens it.</summary>
[GenerateSerializer, Immutable, Alias("feed.RoomShare")]
public sealed record RoomShare
{
    [Id(0)] public required string RoomCode { get; init; }
    [Id(1)] public required string Url { get; init; }
}
