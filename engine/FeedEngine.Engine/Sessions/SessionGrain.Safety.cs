using System.Runtime.CompilerServices;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Engine.Posts;
using FeedEngine.Engine.Sessions.Safety;
using FeedEngine.Safety.Filters;
using FeedEngine.Safety.Leaks;
using FeedEngine.Safety.Moderation;
using FeedEngine.Safety.PersonalData;
using FeedEngine.Safety.Quotas;
using FeedEngine.Safety.Reports;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.Users;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// Trust and safety in the session (FeedEngine.Safety's README, "Plugging in"): a canary in every system prompt; the
/// leak and personal-data filters on every reply; moderation of the viewer's message before the model runs and of the
/// reply before it is stored (a block ends the turn <c>blocked</c>, goes to the admin queue, and its categories are
/// stored on the turn for the ad selector); the daily generation quota on every message.
/// </summary>
internal sealed partial class SessionGrain
{
    readonly ConditionalWeakTable<ReplyRun, ReplySafety> replySafety = [];
    readonly Dictionary<string, UserDocument?> viewers = new(StringComparer.Ordinal);
    (PostProgram Program, string Canary, LeakDetector Detector)? leakGuard;

    /// <summary>
    /// The hidden-text index of each program, shared by every session of it on this silo (a program is immutable, and
    /// the post grain hands the same one to each). Only the canary is the session's own.
    /// </summary>
    static readonly ConditionalWeakTable<PostProgram, HiddenSpans> ProgramSpans = [];

    ModerationService Moderation => ServiceProvider.GetRequiredService<ModerationService>();

    /// <summary>The canary line for this program's system prompt (one canary per program per activation).</summary>
    string CanaryLine => CanaryToken.PromptLine(LeakGuard().Canary);

    (PostProgram Program, string Canary, LeakDetector Detector) LeakGuard()
    {
        if (leakGuard is { } guard && ReferenceEquals(guard.Program, program)) return guard;
        var canary = CanaryToken.Create();
        var spans = ProgramSpans.GetValue(program, p => new HiddenSpans(HiddenTexts(p)));
        leakGuard = (program, canary, new LeakDetector([canary], spans));
        return leakGuard.Value;
    }

    /// <summary>
    /// What a program keeps from viewers. Lore is the world's knowledge, meant to be told when it comes up; the
    /// persona, instructions and rules are not.
    /// </summary>
    static string[] HiddenTexts(PostProgram program) => [program.Persona, program.HiddenInstructions, .. program.Rules];

    /// <summary>The safety side of a new reply: the leak and personal-data filters, and the state it starts from.</summary>
    /// <param name="moreHidden">Hidden text of whoever else speaks in this reply (a brand persona and its rules), guarded like the post's.</param>
    ReplySafety StartSafety(ReplyRun run, IReadOnlyList<string>? moreHidden = null)
    {
        var guard = LeakGuard();
        var detector = moreHidden is { Count: > 0 }
            ? new LeakDetector([guard.Canary], [.. HiddenTexts(guard.Program), .. moreHidden])
            : guard.Detector;
        var filter = new SafetyOutputFilter(new OutputFilterChain(new LeakFilter(detector), new PersonalDataFilter()));
        var safety = new ReplySafety(filter, state);
        replySafety.AddOrUpdate(run, safety);
        return safety;
    }

    /// <summary>
    /// Moderates the viewer's message before the model sees it. A blocked message stops the reply at once: the turn
    /// ends <c>blocked</c> with the kind message, and the decision goes to the admin queue.
    /// </summary>
    async Task ScreenMessageAsync(ReplyRun run, ReplySafety safety)
    {
        var decision = await Moderation.ModerateAsync(new ModerationRequest(run.Message.Text, ContentKind.ViewerMessage,
            await ViewerAgeAsync(run.Message.ViewerId), PostRating(), program.BlockedTopics, SubjectId: SessionId), run.Token);
        safety.AddCategories(decision.Categories);
        if (!decision.Blocked) return;
        var message = decision.Message ?? "This message can't be answered here.";
        safety.Filter.Refuse(message);
        safety.StoredText = message;
        SessionLog.MessageBlocked(logger, SessionId, run.ReplyTurnSeq, string.Join(",", decision.Categories));
        await RecordDecisionAsync(decision, run.ReplyTurnSeq, run.Message.Text);
        run.Stop(ReplyStop.Blocked);
        run.Token.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// After the reply streamed: the whole text through moderation (the guard model, mature terms, topics). Returns the
    /// stop for a blocked reply; a redaction changes the stored text. A reply already stopped, failed or refused is left alone.
    /// </summary>
    async Task<FilterStop?> ModerateReplyAsync(ReplyRun run, FilterStop? stop, SessionStatus? status, string? error)
    {
        if (!replySafety.TryGetValue(run, out var safety)) return stop;
        if (safety.Filter.StoppedBy is { } filterStop)
        {
            safety.StoredText ??= filterStop.Message;
            safety.AddCategories([filterStop.Code]);
            SessionLog.ReplyStoppedByFilter(logger, SessionId, run.ReplyTurnSeq, filterStop.Code);
        }
        safety.AddCategories(safety.Filter.Findings);
        if (stop is not null || status is not null || error is not null || run.StopReason is ReplyStop.Interrupted or ReplyStop.Blocked) return stop;
        if (!run.HasText) return null;

        var decision = await Moderation.ModerateAsync(new ModerationRequest(run.Released, ContentKind.ModelReply,
            await ViewerAgeAsync(run.Message.ViewerId), PostRating(), program.BlockedTopics,
            Prompt: run.Message.Text, SubjectId: SessionId));
        safety.AddCategories(decision.Categories);
        if (decision.Action == ModerationAction.Redact) safety.StoredText = decision.Text;
        if (!decision.Blocked) return null;
        var message = decision.Message ?? "This reply can't be shown here.";
        safety.StoredText = message;
        SessionLog.ReplyBlocked(logger, SessionId, run.ReplyTurnSeq, string.Join(",", decision.Categories));
        await RecordDecisionAsync(decision, run.ReplyTurnSeq, run.Released);
        return new FilterStop(SafetyOutputFilter.RefusedCode, message);
    }

    /// <summary>The text a reply turn is stored with: what streamed, unless safety refused or redacted it.</summary>
    string StoredReplyText(ReplyRun run) =>
        replySafety.TryGetValue(run, out var safety) && safety.StoredText is { } text ? text : run.Released;

    /// <summary>The moderation categories found in a reply's exchange, for its stored turn.</summary>
    List<string> ReplyCategories(ReplyRun run) => replySafety.TryGetValue(run, out var safety) ? [.. safety.Categories] : [];

    /// <summary>The moderation categories of the last <paramref name="count"/> turns in memory, newest last (the ad selector's brand-safety input).</summary>
    internal IReadOnlyList<TurnModeration> RecentModeration(int count) =>
        [.. turns.TakeLast(count).Select(t => new TurnModeration { TurnSeq = t.Seq, Categories = [.. t.ModerationCategories] })];

    /// <summary>The daily generation quota, counted once per message id; a refusal stores nothing.</summary>
    async Task<SessionOutcome<SendReceipt>?> CheckQuotaAsync(ViewerMessage message)
    {
        var viewer = await ViewerAsync(message.ViewerId);
        var quota = await ServiceProvider.GetRequiredService<GenerationQuotaService>()
            .TryConsumeAsync(message.ViewerId, viewer?.IsGuest ?? true, MessageKey(message.MessageId));
        if (quota.Allowed) return null;
        var wait = quota.RetryAfter(time.GetUtcNow());
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var hours = Math.Max(1, (int)Math.Ceiling(wait.TotalHours));
        return SessionOutcome<SendReceipt>.Rejected(SessionRejectionReason.RateLimited,
            $"You have used all {quota.Status.Limit} replies for today. More become available in about {hours} h"
            + (viewer?.IsGuest ?? true ? "; sign up for a larger daily allowance." : "."), seconds);
    }

    async Task RecordDecisionAsync(ModerationDecision decision, long turnSeq, string excerpt)
    {
        try
        {
            await ServiceProvider.GetRequiredService<ReportService>().RecordModerationAsync(decision, program.PostId, SessionId, turnSeq, excerpt, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The queue is for admins; the viewer's turn is ended either way.
            SessionLog.ModerationRecordFailed(logger, e, SessionId, turnSeq);
        }
    }

    /// <summary>
    /// The post's age rating for moderation, from the program the session runs (published or brand); one it does not name
    /// is moderated as <see cref="AgeRating.Everyone"/>, the strictest. A creator's preview of a draft is moderated as
    /// <see cref="AgeRating.Everyone"/> whatever the draft says: a rating gates viewers by age, and creators see their
    /// own rated posts without an age check (a creator without a birth year could not preview a teen draft otherwise).
    /// </summary>
    AgeRating PostRating() =>
        !IsPreview && program.Rating is { } rating ? rating : AgeRating.Everyone;

    async Task<UserDocument?> ViewerAsync(string viewerId)
    {
        if (viewers.TryGetValue(viewerId, out var known)) return known;
        var found = await ServiceProvider.GetRequiredService<IUserRepository>().FindAsync(viewerId);
        viewers[viewerId] = found;
        return found;
    }

    /// <summary>The viewer's age in whole years from the birth year (a birthday not yet come assumed), or null: treated as a child.</summary>
    async Task<int?> ViewerAgeAsync(string viewerId) =>
        (await ViewerAsync(viewerId))?.BirthYear is { } year ? time.GetUtcNow().Year - year - 1 : null;
}
