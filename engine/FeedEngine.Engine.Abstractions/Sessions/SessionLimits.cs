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

    /// <summary>Display names shown on co-play turns and participant lists are cut to this many characters (ending in "…").</summary>
    public const int MaxAuthorNameLength = 40;

    /// <summary>A display name as a room shows it: trimmed, control characters dropped, at most <see cref="MaxAuthorNameLength"/> characters.</summary>
    public static string? ShownName(string? name)
    {
        if (name is null) return null;
        var clean = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        if (clean.Length == 0) return null;
        return clean.Length <= MaxAuthorNameLength ? clean : clean[..(MaxAuthorNameLength - 1)].TrimEnd() + "…";
    }

    public const string RoomCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
}
