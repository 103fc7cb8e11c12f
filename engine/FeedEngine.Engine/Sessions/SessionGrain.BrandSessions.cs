using FeedEngine.Engine.Abstractions.Ads;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Engine.Posts;
using FeedEngine.Engine.State;
using FeedEngine.Storage;
using FeedEngine.Storage.Sessions;

namespace FeedEngine.Engine.Sessions;

/// <summary>
/// Brand conversations. Opening a sponsored feed card calls <c>StartSession</c> with the card's id (its placement id,
/// which the feed gives as the card's <c>postId</c>). No post has that id, so the session asks the ad system for the
/// placement's offer (only the viewer it was made for gets it, only while its campaign serves) and runs the campaign's
/// brand persona as its program: no state, no lore, no ads, the welcome as greeting, the suggested prompts as suggested
/// replies. Every answer is the brand's (<see cref="RunSponsorReplyAsync"/>: role sponsor, labelled), and the snapshot
/// carries the brand's card so the conversation is labelled Sponsored as a whole.
/// </summary>
internal sealed partial class SessionGrain
{
    /// <summary>A brand conversation on <paramref name="placementId"/>, or null when there is no such offer for this viewer.</summary>
    async Task<SessionOutcome<SessionSnapshot>?> CreateBrandSessionAsync(string ownerId, string placementId)
    {
        if (Sponsors is not { } sponsors || await sponsors.FindOfferAsync(placementId, ownerId) is not { } offer) return null;
        brandOffer = offer;
        var now = time.GetUtcNow().UtcDateTime;
        var created = new SessionDocument
        {
            Id = SessionId,
            PostId = placementId,
            PostVersion = 1,
            OwnerId = ownerId,
            Participants = [ownerId],
            Greeting = offer.Welcome,
            StateJson = "{}",
            SponsorPlacementId = placementId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (await sessions.InsertAsync(created) != WriteOutcome.Ok)
            throw new InvalidOperationException($"Session {SessionId} already exists in storage but was not found when the grain activated.");
        session = created;
        await LoadAsync(created, CancellationToken.None, BrandProgram(offer));
        SessionLog.Created(logger, SessionId, placementId, 1, ownerId);
        return SessionOutcome<SessionSnapshot>.Ok(Snapshot());
    }

    /// <summary>At activation: the brand program again, while the campaign still serves this viewer (else the session is unavailable).</summary>
    async Task<PostProgram?> FindBrandProgramAsync(SessionDocument document)
    {
        brandOffer = Sponsors is { } sponsors ? await sponsors.FindOfferAsync(document.SponsorPlacementId!, document.OwnerId) : null;
        return brandOffer is null ? null : BrandProgram(brandOffer);
    }

    static PostProgram BrandProgram(SponsoredOffer offer) => new()
    {
        PostId = offer.PlacementId,
        Version = 1,
        Title = offer.BrandName,
        Kind = "character",
        Persona = offer.Persona,
        Rules = offer.PersonaRules,
        Greetings = [offer.Welcome],
        SuggestedReplies = offer.SuggestedPrompts,
        AgeRating = "everyone",
        AdEligible = false,
    };

    /// <summary>The brand's card, for a brand conversation's snapshot; null for a session on a post.</summary>
    SponsoredCard? BrandCard() => session?.SponsorPlacementId is not { } placementId
        ? null
        : new SponsoredCard
        {
            Label = brandOffer?.Label ?? "Sponsored",
            BrandName = brandOffer?.BrandName ?? program.Title,
            SuggestedPrompts = brandOffer?.SuggestedPrompts ?? [],
            ClickUrl = brandOffer?.ClickUrl ?? "",
            PlacementId = placementId,
        };
}
