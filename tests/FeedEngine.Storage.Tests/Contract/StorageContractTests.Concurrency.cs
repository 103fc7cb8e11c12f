namespace FeedEngine.Storage.Tests.Contract;

/// <summary>Racing writers: the store, not the caller, decides who wins, and nothing is lost or doubled.</summary>
public abstract partial class StorageContractTests
{
    const int Racers = 20;

    [SkippableFact]
    public async Task UpdateAsync_twentyRacingReadModifyWriters_oneWinnerPerVersionAndNoLostUpdate()
    {
        var session = Samples.Session();
        session.LastTurnSeq = 0;
        await Sessions.InsertAsync(session);

        var wins = await RaceAsync(Racers, async _ =>
        {
            for (var attempt = 0; attempt < 500; attempt++)
            {
                var current = (await Sessions.FindAsync(session.Id))!;
                var readVersion = current.Version;
                current.LastTurnSeq++;
                switch (await Sessions.UpdateAsync(current))
                {
                    case WriteOutcome.Ok:
                        return readVersion;
                    case WriteOutcome.Conflict:
                        continue;
                    case var other:
                        throw new InvalidOperationException($"Unexpected {other}.");
                }
            }
            throw new TimeoutException("A writer never won.");
        });

        Assert.Equal(Enumerable.Range(1, Racers).Select(v => (long)v), wins.Order());
        var stored = await Sessions.FindAsync(session.Id);
        Assert.Equal(Racers, stored?.LastTurnSeq);
        Assert.Equal(Racers + 1, stored?.Version);
    }

    [SkippableFact]
    public async Task AppendAsync_twentyRacingTurnsWithOneIdempotencyKey_oneStoredNineteenDuplicates()
    {
        var sessionId = DocumentIds.New();
        var key = DocumentIds.New();

        var outcomes = await RaceAsync(Racers, i => Turns.AppendAsync(Samples.Turn(sessionId, i + 1, key)));

        Assert.Equal(1, outcomes.Count(o => o == WriteOutcome.Ok));
        Assert.Equal(Racers - 1, outcomes.Count(o => o == WriteOutcome.Duplicate));
        var stored = Assert.Single(await Turns.ListAsync(sessionId));
        Assert.Equal(key, stored.IdempotencyKey);
    }

    [SkippableFact]
    public async Task InsertAsync_twentyRacingUsersWithOneLoginKey_oneStoredNineteenDuplicates()
    {
        var loginKey = UserDocument.EmailLoginKey(DocumentIds.New() + "@example.test");
        var users = Enumerable.Range(0, Racers).Select(_ => Samples.User(loginKey)).ToArray();
        var before = await Users.CountAsync();

        var outcomes = await RaceAsync(Racers, i => Users.InsertAsync(users[i]));

        Assert.Equal(1, outcomes.Count(o => o == WriteOutcome.Ok));
        Assert.Equal(Racers - 1, outcomes.Count(o => o == WriteOutcome.Duplicate));
        var winner = users[Array.IndexOf(outcomes, WriteOutcome.Ok)];
        Assert.Equal(winner.Id, (await Users.FindByLoginKeyAsync(loginKey))?.Id);
        Assert.Equal(before + 1, await Users.CountAsync());
    }

    [SkippableFact]
    public async Task PublishAsync_twentyRacingRetriesWithOneKey_publishesVersionOneOnce()
    {
        var post = Samples.Post();
        await Posts.InsertAsync(post);
        var copies = new PostDocument[Racers];
        for (var i = 0; i < Racers; i++) copies[i] = (await Posts.FindAsync(post.Id))!;
        var key = DocumentIds.New();

        var results = await RaceAsync(Racers, i => Posts.PublishAsync(copies[i], key, Samples.At(i)));

        Assert.Single(results, r => r == new PublishResult(WriteOutcome.Ok, 1));
        Assert.Equal(Racers - 1, results.Count(r => r == new PublishResult(WriteOutcome.Duplicate, 1)));
        var stored = await Posts.FindAsync(post.Id);
        Assert.Equal(1, stored?.PublishedVersion);
        Assert.Equal(2, stored?.Version);
        Assert.Null(await Posts.FindVersionAsync(post.Id, 2));
    }

    [SkippableFact]
    public async Task InsertAsync_twentyRacingImagesWithOneContentHash_oneStoredNineteenDuplicates()
    {
        var images = Images;
        var uploads = Enumerable.Range(0, Racers).Select(i => Samples.Image(seed: 100 + i)).ToArray();
        foreach (var (image, _) in uploads) image.ContentHash = uploads[0].Image.ContentHash;

        var outcomes = await RaceAsync(Racers, i => images.InsertAsync(uploads[i].Image, uploads[i].Bytes));

        Assert.Equal(1, outcomes.Count(o => o == WriteOutcome.Ok));
        Assert.Equal(Racers - 1, outcomes.Count(o => o == WriteOutcome.Duplicate));
        var (winner, winnerBytes) = uploads[Array.IndexOf(outcomes, WriteOutcome.Ok)];
        Assert.Equal(winner.Id, (await Images.FindByHashAsync(winner.ContentHash))?.Id);
        Assert.Equal(winnerBytes["full"], await ReadVariantAsync(winner.Id, "full"));
        foreach (var (loser, _) in uploads.Where(u => u.Image != winner))
            Assert.Null(await Images.OpenVariantAsync(loser.Id, "full"));
    }
}
