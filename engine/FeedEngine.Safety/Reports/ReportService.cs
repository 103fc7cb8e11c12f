using FeedEngine.Safety.Moderation;
using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Safety;
using Microsoft.Extensions.Logging;

namespace FeedEngine.Safety.Reports;

/// <summary>
/// Reports from viewers and from moderation, the admin queue, and its actions: dismiss, unpublish the post,
/// suspend the creator's account. The reporter and the creator read the outcome on their report lists.
/// </summary>
public sealed partial class ReportService(
    IReportRepository reports,
    IPostRepository posts,
    EnforcementService enforcement,
    TimeProvider clock,
    ILogger<ReportService> logger)
{
    /// <summary>The reporter id of reports that moderation raised.</summary>
    public const string ModerationReporter = "moderation";

    public async Task<ReportResult> ReportAsync(string reporterId, ReportRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.PostId)) return ReportResult.Fail(ReportErrorKind.Invalid, "Say which post you are reporting (postId).");
        if (request.Reason is not { } reason || !Enum.IsDefined(reason))
            return ReportResult.Fail(ReportErrorKind.Invalid, $"Choose a reason: {string.Join(", ", Enum.GetNames<ReportReason>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");
        if (request.Details?.Length > ReportLimits.MaxDetailsLength)
            return ReportResult.Fail(ReportErrorKind.Invalid, $"Details can be at most {ReportLimits.MaxDetailsLength} characters.");
        if (request.TurnSeq is < 0 || (request.TurnSeq is not null && string.IsNullOrWhiteSpace(request.SessionId)))
            return ReportResult.Fail(ReportErrorKind.Invalid, "A reported reply needs its sessionId and a turnSeq of 0 or more.");
        if (await posts.FindAsync(request.PostId, cancellationToken) is not { } post)
            return ReportResult.Fail(ReportErrorKind.NotFound, "There is no such post.");

        var now = clock.GetUtcNow().UtcDateTime;
        var report = new ReportDocument
        {
            Id = DocumentIds.New(),
            Key = ReportDocument.MakeKey(reporterId, post.Id, request.SessionId, request.TurnSeq),
            Source = ReportSource.Viewer,
            ReporterId = reporterId,
            PostId = post.Id,
            PostTitle = (post.Published ?? post.Draft).Title,
            CreatorId = post.CreatorId,
            SessionId = request.SessionId,
            TurnSeq = request.TurnSeq,
            Excerpt = Cut(request.Excerpt, ReportLimits.MaxExcerptLength),
            Reason = reason,
            Details = request.Details?.Trim() ?? "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await reports.InsertAsync(report, cancellationToken) == WriteOutcome.Duplicate)
            return await reports.FindByKeyAsync(report.Key, cancellationToken) is { } earlier
                ? new ReportResult(earlier)
                : ReportResult.Fail(ReportErrorKind.Conflict, "The report could not be saved; try again.");
        LogReported(report.Id, reporterId, post.Id, reason);
        return new ReportResult(report, Created: true);
    }

    /// <summary>
    /// Puts a moderation decision into the admin queue (the engine calls it when a reply or message is blocked), once per
    /// session turn.
    /// </summary>
    public Task<ReportDocument> RecordModerationAsync(ModerationDecision decision, string postId, string? sessionId, long? turnSeq, string? excerpt,
        CancellationToken cancellationToken) =>
        RecordAsync(ReportDocument.MakeKey(ModerationReporter, postId, sessionId, turnSeq), decision, postId, sessionId, turnSeq, excerpt, cancellationToken);

    /// <summary>
    /// Puts a refused publish into the admin queue: moderation blocked a part of the draft (<paramref name="details"/> says
    /// which and why). Once per draft version, so retrying the same draft adds no second case.
    /// </summary>
    public Task<ReportDocument> RecordBlockedPublishAsync(ModerationDecision decision, string postId, long draftVersion, string details, string excerpt,
        CancellationToken cancellationToken) =>
        RecordAsync($"{ModerationReporter}:{postId}:publish:{draftVersion}", decision with { Message = details }, postId, null, null, excerpt, cancellationToken);

    async Task<ReportDocument> RecordAsync(string key, ModerationDecision decision, string postId, string? sessionId, long? turnSeq, string? excerpt,
        CancellationToken cancellationToken)
    {
        var post = await posts.FindAsync(postId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var report = new ReportDocument
        {
            Id = DocumentIds.New(),
            Key = key,
            Source = ReportSource.Moderation,
            ReporterId = ModerationReporter,
            PostId = postId,
            PostTitle = post is null ? "" : (post.Published ?? post.Draft).Title,
            CreatorId = post?.CreatorId ?? "",
            SessionId = sessionId,
            TurnSeq = turnSeq,
            Excerpt = Cut(excerpt, ReportLimits.MaxExcerptLength),
            Reason = ReportReason.Other,
            Details = decision.Message ?? "",
            Categories = [.. decision.Categories],
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await reports.InsertAsync(report, cancellationToken) == WriteOutcome.Duplicate)
            return (await reports.FindByKeyAsync(report.Key, cancellationToken))!;
        return report;
    }

    public async Task<IReadOnlyList<ReportDocument>> MineAsync(string reporterId, CancellationToken cancellationToken) =>
        await reports.ListByReporterAsync(reporterId, ReportLimits.ListLimit, cancellationToken);

    public async Task<IReadOnlyList<ReportDocument>> AboutMyPostsAsync(string creatorId, CancellationToken cancellationToken) =>
        await reports.ListByCreatorAsync(creatorId, ReportLimits.ListLimit, cancellationToken);

    public async Task<IReadOnlyList<ReportDocument>> QueueAsync(CancellationToken cancellationToken) =>
        await reports.ListOpenAsync(ReportLimits.ListLimit, cancellationToken);

    /// <summary>Applies an admin's action to an open report and records the outcome.</summary>
    public async Task<ReportResult> ResolveAsync(string reportId, ReportAction action, string adminId, string? note, CancellationToken cancellationToken)
    {
        if (note?.Length > ReportLimits.MaxDetailsLength) return ReportResult.Fail(ReportErrorKind.Invalid, $"A note can be at most {ReportLimits.MaxDetailsLength} characters.");
        if (await reports.FindAsync(reportId, cancellationToken) is not { } report) return ReportResult.Fail(ReportErrorKind.NotFound, "There is no such report.");
        if (report.Status != ReportStatus.Open) return ReportResult.Fail(ReportErrorKind.AlreadyResolved, $"This report was already resolved ({report.Status}).");

        var reason = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        switch (action)
        {
            case ReportAction.Dismiss:
                report.Status = ReportStatus.Dismissed;
                report.Resolution = "Reviewed: no rule was broken, so the post stays up." + Suffix(reason);
                break;
            case ReportAction.UnpublishPost:
                if (!await enforcement.TakeDownPostAsync(report.PostId, adminId, reason ?? $"Reported for {report.Reason}", report.Id, cancellationToken))
                    return ReportResult.Fail(ReportErrorKind.NotFound, "The reported post no longer exists.");
                report.Status = ReportStatus.PostUnpublished;
                report.Resolution = "Reviewed: the post broke the rules and was taken down." + Suffix(reason);
                break;
            case ReportAction.SuspendAccount:
                if (!await enforcement.SuspendAsync(report.CreatorId, adminId, reason ?? $"Reported for {report.Reason}", report.Id, cancellationToken))
                    return ReportResult.Fail(ReportErrorKind.NotFound, "The creator's account no longer exists.");
                report.Status = ReportStatus.AccountSuspended;
                report.Resolution = "Reviewed: the creator's account was suspended and their posts taken down." + Suffix(reason);
                break;
        }
        report.ResolvedBy = adminId;
        report.ResolvedAt = clock.GetUtcNow().UtcDateTime;
        report.UpdatedAt = report.ResolvedAt.Value;
        if (await reports.UpdateAsync(report, cancellationToken) != WriteOutcome.Ok)
            return ReportResult.Fail(ReportErrorKind.Conflict, "Someone resolved this report at the same time; reload the queue.");
        LogResolved(report.Id, action, adminId);
        return new ReportResult(report);
    }

    static string Suffix(string? note) => note is null ? "" : " " + note;

    static string? Cut(string? text, int max) => text is null ? null : text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ReportId} by {ReporterId} on post {PostId} for {Reason}")]
    partial void LogReported(string reportId, string reporterId, string postId, FeedEngine.Storage.Safety.ReportReason reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ReportId} resolved with {Action} by {AdminId}")]
    partial void LogResolved(string reportId, ReportAction action, string adminId);
}
