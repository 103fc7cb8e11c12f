namespace FeedEngine.Engine.Abstractions.Sessions;

/// <summary>
/// The result of a session call: a value, or the reason it was refused with a message a person can act on
/// (the hub turns a refusal into a <c>HubException</c> carrying <see cref="SessionRejection.Message"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("feed.SessionOutcome`1")]
public sealed record SessionOutcome<T>
{
    [Id(0)] public T? Value { get; init; }
    [Id(1)] public SessionRejection? Rejection { get; init; }

    public bool IsOk => Rejection is null;

    public static SessionOutcome<T> Ok(T value) => new() { Value = value };

    public static SessionOutcome<T> Rejected(SessionRejectionReason reason, string message, int? retryAfterSeconds = null) =>
        new() { Rejection = new SessionRejection { Reason = reason, Message = message, RetryAfterSeconds = retryAfterSeconds } };

    public static SessionOutcome<T> Rejected(SessionRejection rejection) => new() { Rejection = rejection };
}

[GenerateSerializer, Immutable, Alias("feed.SessionRejection")]
public sealed record SessionRejection
{
    [Id(0)] public SessionRejectionReason Reason { get; init; }
    [Id(1)] public string Message { get; init; } = "";
    [Id(2)] public int? RetryAfterSeconds { get; init; }
}

[GenerateSerializer]
public enum SessionRejectionReason
{
    /// <summary>The input breaks a rule (empty or long message, too many images, an event number beyond the log).</summary>
    InvalidInput,
    /// <summary>No such session or post, or not one this viewer takes part in (the two look the same from outside).</summary>
    NotFound,
    /// <summary>The session is writing a reply; wait for its turn event or cancel it.</summary>
    ReplyInProgress,
    /// <summary>The viewer sent more messages than allowed; try again after the retry time.</summary>
    RateLimited,
}
