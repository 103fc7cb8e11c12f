namespace FeedEngine.Web.Feed.Ranking;

/// <summary>
/// How a viewer's interest vector moves with what they do: towards what they open, talk with and like, away from what
/// they hide. Talking counts at the 3rd and 10th message of a session (<c>IConversationSignals.Marks</c>), so a long
/// conversation weighs more than an open and about as much as a like.
/// </summary>
public static class InterestVector
{
    public const float OpenWeight = 0.35f;
    public const float TalkWeight = 0.4f;
    public const float LikeWeight = 0.8f;
    public const float HideWeight = -0.6f;

    /// <summary>The interests after one signal; null stays null for a negative first signal (nothing to move away from yet).</summary>
    public static float[]? Update(float[]? interests, float[] post, float weight)
    {
        if (interests is null || interests.Length != post.Length) return weight > 0 ? Normalize([.. post]) : null;
        var next = new float[post.Length];
        for (var i = 0; i < next.Length; i++) next[i] = interests[i] + weight * post[i];
        return Normalize(next);
    }

    static float[]? Normalize(float[] v)
    {
        double norm = 0;
        foreach (var x in v) norm += x * x;
        if (norm < 1e-12) return null;
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < v.Length; i++) v[i] *= scale;
        return v;
    }
}
