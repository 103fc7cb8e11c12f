using FeedEngine.Storage.Safety;

namespace FeedEngine.Safety.Reports;

/// <summary>A viewer's report of a post, or of one reply in a session on it.</summary>
public sealed record ReportRequest(string? PostId, ReportReason? Reason, string? Details = null, string? SessionId = null, long? TurnSeq = null, string? Excerpt = null);

/// <summary>What an admin decides about a report; the note is added to the outcome the reporter and creator read.</summary>
public sealed record ResolveRequest(string? Note = null);

public enum ReportAction { Dismiss, UnpublishPost, SuspendAccount }

/// <summary>A report as its reporter, the creator and admins see it.</summary>
public sealed record ReportView(
    string ReportId,
    ReportSource Source,
    string PostId,
    string PostTitle,
    string? SessionId,
    long? TurnSeq,
    string? Excerpt,
    ReportReason Reason,
    string Details,
    IReadOnlyList<string> Categories,
    ReportStatus Status,
    string? Outcome,
    DateTime CreatedAt,
    DateTime? ResolvedAt)
{
    public static ReportView From(ReportDocument r) => new(r.Id, r.Source, r.PostId, r.PostTitle, r.SessionId, r.TurnSeq, r.Excerpt, r.Reason,
        r.Details, r.Categories, r.Status, r.Resolution, r.CreatedAt, r.ResolvedAt);
}

/// <summary>An admin's view adds who reported and whose post it is.</summary>
public sealed record AdminReportView(ReportView Report, string ReporterId, string CreatorId);

public sealed record ReportList(IReadOnlyList<ReportView> Items);

public sealed record AdminReportList(IReadOnlyList<AdminReportView> Items);

public sealed record BlockRequest(string? CreatorId);

public sealed record BlockList(IReadOnlyList<string> CreatorIds);

/// <summary>The outcome of a report operation: the report, or an expected error (kind and message).</summary>
public sealed record ReportResult(ReportDocument? Report, ReportErrorKind? Error = null, string? Message = null, bool Created = false)
{
    public static ReportResult Fail(ReportErrorKind kind, string message) => new(null, kind, message);
}

public enum ReportErrorKind { Invalid, NotFound, AlreadyResolved, Conflict }

public static class ReportLimits
{
    public const int MaxDetailsLength = 1000;
    public const int MaxExcerptLength = 500;
    public const int ListLimit = 100;
}
