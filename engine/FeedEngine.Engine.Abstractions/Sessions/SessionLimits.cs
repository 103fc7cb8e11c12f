namespace FeedEngine.Engine.Abstractions.Sessions;

/// <summary>Fixed limits of the session contract, checked by the hub and again by the grains.</summary>
public static class SessionLimits
{
    public const int MaxMessageLength = 2_000;
    public const int MaxImagesPerMessage = 4;

    /// <summary>Session ids are 22 characters and post ids are short slugs; anything longer is not one.</summary>
    public const int MaxIdLength = 100;

    /// <summary>Branches a session keeps besides <c>main</c> (regenerate and branch each make one).</summary>
    public const int MaxBranches = 50;
}
