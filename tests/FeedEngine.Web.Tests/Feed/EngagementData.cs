using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.Feed;

/// <summary>Writes what viewers did with a post straight into the store, the way the app stores it.</summary>
public static class EngagementData
{
    /// <summary>
    /// <paramref name="views"/> viewers shown the card, <paramref name="opens"/> of them opened it, <paramref name="sessions"/>
    /// of them talked (<paramref name="turnsEach"/> messages each, on the day after <paramref name="at"/> for the first
    /// <paramref name="returning"/>, so they are return viewers), all a day or two before <paramref name="at"/>.
    /// </summary>
    public static async Task AddAsync(IServiceProvider services, string postId, DateTime at, int views, int opens, int sessions, int turnsEach, int returning)
    {
        var viewRepository = services.GetRequiredService<IPostViewRepository>();
        var sessionRepository = services.GetRequiredService<ISessionRepository>();
        var turnRepository = services.GetRequiredService<ITurnRepository>();
        var start = at.AddDays(-2);
        for (var i = 0; i < views; i++)
        {
            var viewer = $"viewer-{i}-{postId}";
            Assert.Equal(WriteOutcome.Ok, await viewRepository.RecordAsync(PostViewDocument.For(PostViewKind.View, postId, 1, viewer, start)));
            if (i < opens) Assert.Equal(WriteOutcome.Ok, await viewRepository.RecordAsync(PostViewDocument.For(PostViewKind.Open, postId, 1, viewer, start)));
            if (i >= sessions) continue;
            var session = new SessionDocument
            {
                Id = DocumentIds.New(), PostId = postId, PostVersion = 1, OwnerId = viewer, Participants = [viewer],
                CreatedAt = start, UpdatedAt = start,
            };
            Assert.Equal(WriteOutcome.Ok, await sessionRepository.InsertAsync(session));
            for (var t = 0; t < turnsEach; t++)
            {
                var sentAt = i < returning && t == turnsEach - 1 ? start.AddDays(1) : start.AddMinutes(t);
                foreach (var (role, seq) in new[] { (TurnRole.Viewer, 2 * t + 1), (TurnRole.Post, 2 * t + 2) })
                {
                    Assert.Equal(WriteOutcome.Ok, await turnRepository.AppendAsync(new TurnDocument
                    {
                        Id = TurnDocument.MakeId(session.Id, seq), SessionId = session.Id, Seq = seq, Role = role, AuthorId = viewer,
                        Text = role == TurnRole.Viewer ? "Tell me more." : "Gladly.", Status = TurnStatus.Complete,
                        IdempotencyKey = $"{session.Id}:{seq}", CreatedAt = sentAt,
                    }));
                }
            }
        }
    }
}
