using System.Text.Json;

namespace FeedEngine.Web.Memory;

/// <summary>
/// Everything FeedEngine stores about one viewer, as <c>GET /api/me/export</c> hands it to them: the account, the feed
/// profile (likes, follows, hidden posts, interests), every session they own with its turns, what is remembered about
/// them and their state in posts. Other people's ids never appear: in a shared room their messages carry only the name
/// they showed.
/// </summary>
public sealed record ViewerExport(
    DateTime ExportedAt,
    ExportAccount Account,
    ExportProfile Profile,
    IReadOnlyList<ExportSession> Sessions,
    IReadOnlyList<MemoryFactView> Memories,
    IReadOnlyList<ExportPostState> PostStates);

public sealed record ExportAccount(string UserId, string? Email, string DisplayName, int? BirthYear, IReadOnlyList<string> Roles, bool IsGuest, DateTime CreatedAt);

public sealed record ExportProfile(
    bool MemoryOn,
    IReadOnlyList<string> LikedPostIds,
    IReadOnlyList<string> FollowedCreatorIds,
    IReadOnlyList<string> HiddenPostIds,
    IReadOnlyList<string> BlockedCreatorIds,
    IReadOnlyList<string> Interests,
    float[]? InterestVector);

public sealed record ExportSession(
    string SessionId, string PostId, string? PostTitle, string Greeting, string CurrentBranchId, bool Shared,
    DateTime CreatedAt, DateTime UpdatedAt, IReadOnlyList<ExportTurn> Turns);

/// <summary>One turn. <c>mine</c>: the viewer wrote it; <c>authorName</c>: who else did, in a shared room.</summary>
public sealed record ExportTurn(long Seq, string BranchId, string Role, bool Mine, string? AuthorName, string Text, IReadOnlyList<string> ImageIds, string Status, DateTime CreatedAt);

public sealed record ExportPostState(string PostId, JsonElement Values, DateTime UpdatedAt);

/// <summary>What <c>DELETE /api/me/account</c> removed.</summary>
public sealed record AccountDeleted(long Sessions, long Turns, long MemoryFacts, long PostStates);
