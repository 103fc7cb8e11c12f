using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Sessions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace FeedEngine.Storage.Mongo;

/// <summary>
/// <see cref="IPostEngagementReader"/> on MongoDB: one aggregation per batch. Over <c>sessions</c>: the batch's counted
/// sessions (index <c>postCreated</c>), each with the times of its viewer turns joined from <c>turns</c> (index
/// <c>sessionSeq</c>); then, unioned in, the views and the opens per post grouped on the server (index
/// <c>postKindVersion</c>). Days and return viewers are folded here by <see cref="PostEngagementTally"/>, the rules creator
/// analytics uses (the wire-compatible stub evaluates no date expressions, so the same pipeline runs on both).
/// </summary>
sealed class MongoPostEngagementReader(MongoStore store) : IPostEngagementReader
{
    public async Task<IReadOnlyDictionary<string, PostEngagementCounts>> ReadAsync(IReadOnlyCollection<string> postIds, DateTime since, CancellationToken cancellationToken = default)
    {
        var ids = PostEngagementTally.CheckIds(postIds);
        var tally = new PostEngagementTally(ids);
        if (ids.Length == 0) return tally.Result();
        await store.EnsureReadyAsync(cancellationToken);

        var sessions = store.Database.GetCollection<BsonDocument>(store.Sessions.CollectionNamespace.CollectionName);
        using var cursor = await sessions.AggregateAsync<BsonDocument>(Pipeline(ids, since), cancellationToken: cancellationToken);
        var rows = await cursor.ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            if (row.TryGetValue("views", out var views)) tally.AddViews(row["_id"].AsString, views.ToInt64(), 0);
            else if (row.TryGetValue("opens", out var opens)) tally.AddViews(row["_id"].AsString, 0, opens.ToInt64());
            else tally.AddSession(row["postId"].AsString, row["ownerId"].AsString, row["createdAt"].ToUniversalTime(),
                row["viewerTurns"].AsBsonArray.Select(t => t["createdAt"].ToUniversalTime()));
        }
        return tally.Result();
    }

    BsonDocument[] Pipeline(string[] ids, DateTime since)
    {
        var inBatch = new BsonDocument("$in", new BsonArray(ids));
        var from = new BsonDateTime(DateTime.SpecifyKind(since, DateTimeKind.Utc));
        BsonDocument ViewsOf(PostViewKind kind, string field) => new("$unionWith", new BsonDocument
        {
            { "coll", MongoPostViewRepository.CollectionName },
            { "pipeline", new BsonArray
            {
                new BsonDocument("$match", new BsonDocument { { "postId", inBatch }, { "kind", kind.ToString() }, { "createdAt", new BsonDocument("$gte", from) } }),
                new BsonDocument("$group", new BsonDocument { { "_id", "$postId" }, { field, new BsonDocument("$sum", 1) } }),
            } },
        });

        return
        [
            new("$match", new BsonDocument { { "postId", inBatch }, { "createdAt", new BsonDocument("$gte", from) }, { "preview", false } }),
            new("$lookup", new BsonDocument
            {
                { "from", store.Turns.CollectionNamespace.CollectionName },
                { "localField", "_id" },
                { "foreignField", "sessionId" },
                { "pipeline", new BsonArray
                {
                    new BsonDocument("$match", new BsonDocument("role", TurnRole.Viewer.ToString())),
                    new BsonDocument("$project", new BsonDocument { { "_id", 0 }, { "createdAt", 1 } }),
                } },
                { "as", "viewerTurns" },
            }),
            new("$project", new BsonDocument { { "_id", 0 }, { "postId", 1 }, { "ownerId", 1 }, { "createdAt", 1 }, { "viewerTurns", 1 } }),
            ViewsOf(PostViewKind.View, "views"),
            ViewsOf(PostViewKind.Open, "opens"),
        ];
    }
}
