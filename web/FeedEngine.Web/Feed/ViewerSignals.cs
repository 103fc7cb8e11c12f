using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Viewers;
using FeedEngine.Web.Feed.Ranking;

namespace FeedEngine.Web.Feed;

/// <summary>
/// Changes to a viewer's feed profile (likes, follows, hidden posts, the interest vector) under optimistic concurrency:
/// read, change, save at the read version, and try again from a fresh read when another request saved in between.
/// </summary>
public sealed class ViewerSignals(IViewerProfileRepository profiles, PostVectors vectors, TimeProvider clock)
{
    public const int MaxLikes = 5_000;
    public const int MaxFollows = 2_000;
    public const int MaxHidden = 5_000;
    const int Attempts = 5;

    /// <summary>Applies <paramref name="change"/> (false: nothing to save) and returns the saved profile.</summary>
    public async Task<ViewerProfileDocument> ChangeAsync(string viewerId, Func<ViewerProfileDocument, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var profile = await profiles.FindAsync(viewerId, cancellationToken) ?? new ViewerProfileDocument { Id = viewerId };
            if (!change(profile)) return profile;
            profile.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            var outcome = await profiles.SaveAsync(profile, cancellationToken);
            if (outcome == WriteOutcome.Ok) return profile;
        }
        throw new InvalidOperationException($"The feed profile of {viewerId} kept changing under {Attempts} attempts to save it.");
    }

    /// <summary>Moves the viewer's interests by <paramref name="weight"/> towards the post (away when negative).</summary>
    public async Task MoveInterestsAsync(string viewerId, PostDocument post, float weight, CancellationToken cancellationToken)
    {
        var vector = await vectors.GetAsync(post, cancellationToken);
        await ChangeAsync(viewerId, profile =>
        {
            var next = InterestVector.Update(profile.InterestVector, vector, weight);
            if (next is null && profile.InterestVector is null) return false;
            profile.InterestVector = next;
            profile.InterestSignals++;
            return true;
        }, cancellationToken);
    }

    /// <summary>Adds or removes <paramref name="id"/>, keeping at most <paramref name="max"/> (the oldest go first).</summary>
    public static bool Toggle(List<string> list, string id, bool present, int max)
    {
        var has = list.Contains(id);
        if (has == present) return false;
        if (present)
        {
            list.Add(id);
            if (list.Count > max) list.RemoveRange(0, list.Count - max);
        }
        else
        {
            list.Remove(id);
        }
        return true;
    }
}
