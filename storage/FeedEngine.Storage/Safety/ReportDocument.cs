namespace FeedEngine.Storage.Safety;

public enum ReportReason { Spam, Harassment, Hate, Sexual, Violence, SelfHarm, Misinformation, PrivateInformation, Other }

public enum ReportStatus { Open, Dismissed, PostUnpublished, AccountSuspended }

/// <summary>Who raised it: a viewer's report, or a moderation decision the engine recorded for review.</summary>
public enum ReportSource { Viewer, Moderation }

/// <summary>
/// A report of a post or of one reply in a session, waiting in the admin queue until resolved.
/// <see cref="Key"/> is unique: one report per reporter and target (<c>{reporterId}:{postId}:{sessionId}:{turnSeq}</c>).
/// </summary>
public sealed class ReportDocument : IVersionedDocument
{
    public string Id { get; set; } = "";
    public string Key { get; set; } = "";
    public ReportSource Source { get; set; }
    public string ReporterId { get; set; } = "";
    public string PostId { get; set; } = "";
    public string PostTitle { get; set; } = "";
    public string CreatorId { get; set; } = "";
    public string? SessionId { get; set; }
    public long? TurnSeq { get; set; }

    /// <summary>The reported text as the reporter saw it (a reply), cut to a readable length.</summary>
    public string? Excerpt { get; set; }

    public ReportReason Reason { get; set; }
    public string Details { get; set; } = "";

    /// <summary>Moderation categories (S1..S14, topic.*, age.*), for reports the engine raised.</summary>
    public List<string> Categories { get; set; } = [];

    public ReportStatus Status { get; set; }

    /// <summary>What the admin decided, in words the reporter and the creator read.</summary>
    public string? Resolution { get; set; }

    public string? ResolvedBy { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    public static string MakeKey(string reporterId, string postId, string? sessionId, long? turnSeq) =>
        $"{reporterId}:{postId}:{sessionId}:{turnSeq}";
}

public interface IReportRepository
{
    /// <summary>Inserts at version 1; <see cref="WriteOutcome.Duplicate"/> when the id or the key exists.</summary>
    Task<WriteOutcome> InsertAsync(ReportDocument report, CancellationToken cancellationToken = default);

    Task<ReportDocument?> FindAsync(string id, CancellationToken cancellationToken = default);

    Task<ReportDocument?> FindByKeyAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Replaces the report when its stored version equals <c>report.Version</c>.</summary>
    Task<WriteOutcome> UpdateAsync(ReportDocument report, CancellationToken cancellationToken = default);

    /// <summary>Open reports, oldest first: the admin queue.</summary>
    Task<IReadOnlyList<ReportDocument>> ListOpenAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>A reporter's reports, newest first.</summary>
    Task<IReadOnlyList<ReportDocument>> ListByReporterAsync(string reporterId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Reports about a creator's posts, newest first.</summary>
    Task<IReadOnlyList<ReportDocument>> ListByCreatorAsync(string creatorId, int limit, CancellationToken cancellationToken = default);
}
