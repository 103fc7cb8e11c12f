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

    /// <summary>People in one co-play room, the owner included.</summary>
    public const int MaxParticipants = 8;

    /// <summary>Messages waiting for their turn in a co-play room.</summary>
    public const int MaxQueuedMessages = 8;

    /// <summary>Room codes: this many characters from <see cref="RoomCodeAlphabet"/>.</summary>
    public const int RoomCodeLength = 10;

    public const string RoomCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
}
