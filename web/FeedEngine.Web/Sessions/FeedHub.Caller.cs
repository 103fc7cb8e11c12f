using FeedEngine.Engine.Abstractions.Sessions;

namespace FeedEngine.Web.Sessions;

/// <summary>
/// Snapshots as their caller sees them: the caller's viewer id (their own turns carry it as <c>authorId</c>), whether they
/// own the session (only the owner may share, regenerate, branch, remove and close), and the room's people by name.
/// Names come from the accounts, never from anything a client sends, and are cut to <see cref="SessionLimits.MaxAuthorNameLength"/>.
/// </summary>
public sealed partial class FeedHub
{
    const string FormerParticipant = "Former participant";

    async Task<SessionSnapshot> ForCallerAsync(SessionSnapshot snapshot)
    {
        var viewerId = ViewerId;
        var people = new RoomParticipant[snapshot.Participants.Length];
        for (var i = 0; i < people.Length; i++)
        {
            var person = snapshot.Participants[i];
            var name = person.ViewerId == viewerId
                ? DisplayName
                : (await users.FindAsync(person.ViewerId, Context.ConnectionAborted))?.DisplayName;
            people[i] = person with { Name = SessionLimits.ShownName(name) ?? FormerParticipant };
        }
        return snapshot with
        {
            ViewerId = viewerId,
            IsOwner = snapshot.OwnerId == viewerId,
            Participants = people,
            Turns = [.. snapshot.Turns.Select(t => t.AuthorName is { } name ? t with { AuthorName = SessionLimits.ShownName(name) } : t)],
        };
    }
}
