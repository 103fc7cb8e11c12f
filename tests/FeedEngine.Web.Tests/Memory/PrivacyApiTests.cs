using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FeedEngine.Storage;
using FeedEngine.Storage.Memory;
using FeedEngine.Storage.Sessions;
using FeedEngine.Storage.State;
using FeedEngine.Storage.Users;
using FeedEngine.Storage.Viewers;
using FeedEngine.Web.Tests.Posts;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Web.Tests.Memory;

/// <summary>"Download my data" and "Delete my account": only ever the caller's own data, all of it, and nothing of anyone else's.</summary>
[Collection(AppCollection.Name)]
public sealed class PrivacyApiTests(FeedEngineApp app)
{
    const string Lighthouse = "demo-lighthouse";

    T Service<T>() where T : notnull => app.Services.GetRequiredService<T>();

    async Task<(HttpClient Client, string ViewerId, string Email)> ViewerAsync()
    {
        var (client, account, email, _) = await app.SignUpAsync();
        return (client, account.UserId, email);
    }

    /// <summary>A session the viewer owns on the lighthouse with their message, the post's reply and a co-player's message, plus a fact and a state.</summary>
    async Task<string> ConversationAsync(string ownerId, string? coPlayerId, string words)
    {
        var sessionId = DocumentIds.New();
        var now = DateTime.UtcNow;
        Assert.Equal(WriteOutcome.Ok, await Service<ISessionRepository>().InsertAsync(new SessionDocument
        {
            Id = sessionId, PostId = Lighthouse, PostVersion = 1, OwnerId = ownerId, Participants = coPlayerId is null ? [ownerId] : [ownerId, coPlayerId],
            Greeting = "Rain needles the harbor.", LastTurnSeq = coPlayerId is null ? 2 : 3, RoomCode = coPlayerId is null ? null : "ROOM" + sessionId[..6],
            CreatedAt = now, UpdatedAt = now,
        }));
        var turns = Service<ITurnRepository>();
        await turns.AppendAsync(new TurnDocument { SessionId = sessionId, Seq = 1, Role = TurnRole.Viewer, AuthorId = ownerId, Text = words, Status = TurnStatus.Complete, IdempotencyKey = sessionId + ":1", CreatedAt = now });
        await turns.AppendAsync(new TurnDocument { SessionId = sessionId, Seq = 2, Role = TurnRole.Post, AuthorId = Lighthouse, Text = "The lamp flickers.", Status = TurnStatus.Complete, IdempotencyKey = sessionId + ":2", CreatedAt = now });
        if (coPlayerId is not null)
            await turns.AppendAsync(new TurnDocument { SessionId = sessionId, Seq = 3, Role = TurnRole.Viewer, AuthorId = coPlayerId, AuthorName = "Bea", Text = "I follow you up.", Status = TurnStatus.Complete, IdempotencyKey = sessionId + ":3", CreatedAt = now });
        await Service<IMemoryRepository>().InsertAsync(new MemoryFactDocument
        {
            Id = MemoryFactDocument.MakeId(ownerId, sessionId, 1, 0), ViewerId = ownerId, PostId = Lighthouse, Text = $"The viewer said: {words}",
            SourceSessionId = sessionId, SourceTurnSeq = 1, SourceText = words, CreatedAt = now,
        });
        await Service<IPostStateRepository>().SaveAsync(new PostStateDocument { ViewerId = ownerId, PostId = Lighthouse, PostVersion = 1, ValuesJson = """{"location":"cave"}""", UpdatedAt = now });
        return sessionId;
    }

    [Fact]
    public async Task Export_holdsTheCallersAccountLikesConversationsAndMemories_andNothingOfAnotherViewer()
    {
        var (client, viewerId, email) = await ViewerAsync();
        var (otherClient, otherId, otherEmail) = await ViewerAsync();
        var mine = await ConversationAsync(viewerId, coPlayerId: otherId, "My dog is called Biscuit.");
        var theirs = await ConversationAsync(otherId, coPlayerId: null, "My cat is called Pepper.");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"/api/me/likes/{Lighthouse}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync("/api/me/hidden/demo-night-sky-quiz", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/me/follows/demo-creator", null)).StatusCode);
        await otherClient.PutAsync("/api/me/likes/demo-night-sky-quiz", null);

        var response = await client.GetAsync($"/api/me/export?viewerId={otherId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var raw = await response.Content.ReadAsStringAsync();
        var export = JsonDocument.Parse(raw).RootElement;
        Assert.Equal((viewerId, email), (export.GetProperty("account").GetProperty("userId").GetString(), export.GetProperty("account").GetProperty("email").GetString()));
        var profile = export.GetProperty("profile");
        Assert.Equal([Lighthouse], profile.GetProperty("likedPostIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["demo-night-sky-quiz"], profile.GetProperty("hiddenPostIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["demo-creator"], profile.GetProperty("followedCreatorIds").EnumerateArray().Select(e => e.GetString()));
        var session = Assert.Single(export.GetProperty("sessions").EnumerateArray());
        Assert.Equal((mine, "The Lighthouse at Gull's End"), (session.GetProperty("sessionId").GetString(), session.GetProperty("postTitle").GetString()));
        var turns = session.GetProperty("turns").EnumerateArray().ToList();
        Assert.Equal(["My dog is called Biscuit.", "The lamp flickers.", "I follow you up."], turns.Select(t => t.GetProperty("text").GetString()));
        Assert.Equal([true, false, false], turns.Select(t => t.GetProperty("mine").GetBoolean()));
        Assert.Equal("Bea", turns[2].GetProperty("authorName").GetString());
        var memory = Assert.Single(export.GetProperty("memories").EnumerateArray());
        Assert.Equal((mine, 1L), (memory.GetProperty("sourceSessionId").GetString(), memory.GetProperty("sourceTurnSeq").GetInt64()));
        Assert.Equal("cave", Assert.Single(export.GetProperty("postStates").EnumerateArray()).GetProperty("values").GetProperty("location").GetString());

        // The co-player's id, e-mail, conversation, memory and likes never appear, even asked for by id.
        foreach (var secret in new[] { otherId, otherEmail, theirs, "Pepper", "demo-night-sky-quiz\"]," })
            Assert.DoesNotContain(secret, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteAccount_erasesEverythingOfTheViewer_signsThemOut_andLeavesOthersAlone()
    {
        var (client, viewerId, email) = await ViewerAsync();
        var (otherClient, otherId, _) = await ViewerAsync();
        var mine = await ConversationAsync(viewerId, coPlayerId: null, "My dog is called Biscuit.");
        var theirs = await ConversationAsync(otherId, coPlayerId: viewerId, "My cat is called Pepper.");
        await client.PutAsync($"/api/me/likes/{Lighthouse}", null);
        await otherClient.PutAsync($"/api/me/likes/{Lighthouse}", null);

        var response = await client.DeleteAsync("/api/me/account");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deleted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1L, 2L, 1L, 1L), (deleted.GetProperty("sessions").GetInt64(), deleted.GetProperty("turns").GetInt64(),
            deleted.GetProperty("memoryFacts").GetInt64(), deleted.GetProperty("postStates").GetInt64()));
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("feedengine.auth=;", StringComparison.Ordinal));

        // The token is dead and nothing of the viewer is left but a memory-off tombstone.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me/memory")).StatusCode);
        Assert.Null(await Service<IUserRepository>().FindAsync(viewerId));
        Assert.Null(await Service<ISessionRepository>().FindAsync(mine));
        Assert.Empty(await Service<ITurnRepository>().ListAsync(mine));
        Assert.Empty(await Service<IMemoryRepository>().ListAsync(viewerId));
        Assert.Null(await Service<IPostStateRepository>().FindAsync(viewerId, Lighthouse));
        var tombstone = await Service<IViewerProfileRepository>().FindAsync(viewerId);
        Assert.True(tombstone is { MemoryOff: true, LikedPostIds.Count: 0, FollowedCreatorIds.Count: 0, HiddenPostIds.Count: 0, InterestVector: null });

        // The other viewer's account, conversation (where the deleted viewer was a guest) and memory are untouched.
        Assert.NotNull(await Service<IUserRepository>().FindAsync(otherId));
        Assert.NotNull(await Service<ISessionRepository>().FindAsync(theirs));
        Assert.Equal(3, (await Service<ITurnRepository>().ListAsync(theirs)).Count);
        Assert.Single(await Service<IMemoryRepository>().ListAsync(otherId));
        Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("/api/me/memory")).StatusCode);

        // The address is free again.
        var again = await app.CreateClient().PostAsJsonAsync("/api/auth/signup", new { email, password = "correct horse battery", displayName = "Back Again", role = "viewer" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task DeleteAccount_ofACreatorWithPosts_is409AndChangesNothing()
    {
        var (client, account, _, _) = await app.SignUpAsync("creator");
        await PostsApi.CreateAsync(client, JsonSerializer.SerializeToNode(PostsApi.Game("Mine"))!.AsObject());

        var response = await client.DeleteAsync("/api/me/account");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("1 post", (await Problem.ReadAsync(response)).Detail);
        Assert.NotNull(await Service<IUserRepository>().FindAsync(account.UserId));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me/export")).StatusCode);
    }

    [Fact]
    public async Task ExportAndDelete_withoutAToken_are401()
    {
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/me/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/me/account")).StatusCode);
        var forged = app.CreateClient("not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.DeleteAsync("/api/me/account")).StatusCode);
    }

    [Theory]
    [InlineData("/api/me/account/OTHER")]
    [InlineData("/api/me/account?viewerId=OTHER")]
    [InlineData("/api/me/memory/OTHER:session-1:1:0")]
    [InlineData("/api/me/memory/..%2F..%2Fusers")]
    [InlineData("/api/me/memory/%E2%80%AEOTHER")]
    [InlineData("/api/me/memory/LONG")]
    public async Task HostileIds_neverReachAnotherViewersData(string path)
    {
        var (client, viewerId, _) = await ViewerAsync();
        var (_, otherId, _) = await ViewerAsync();
        await ConversationAsync(otherId, coPlayerId: null, "My cat is called Pepper.");

        var response = await client.DeleteAsync(path.Replace("OTHER", otherId, StringComparison.Ordinal).Replace("LONG", new string('x', 5000), StringComparison.Ordinal));

        if (path.StartsWith("/api/me/account?", StringComparison.Ordinal))
        {
            // A query naming someone else is ignored: the caller deletes their own account, never the other's.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(await Service<IUserRepository>().FindAsync(viewerId));
        }
        else
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.BadRequest, $"{path}: {response.StatusCode}");
        Assert.NotNull(await Service<IUserRepository>().FindAsync(otherId));
        Assert.Single(await Service<IMemoryRepository>().ListAsync(otherId));
    }

    [Fact]
    public async Task MemoryList_namesThePostEachFactCameFrom()
    {
        var (client, viewerId, _) = await ViewerAsync();
        await ConversationAsync(viewerId, coPlayerId: null, "My dog is called Biscuit.");

        var list = await client.GetFromJsonAsync<JsonElement>("/api/me/memory");

        var fact = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(("The Lighthouse at Gull's End", Lighthouse, 1L),
            (fact.GetProperty("postTitle").GetString(), fact.GetProperty("postId").GetString(), fact.GetProperty("sourceTurnSeq").GetInt64()));
    }
}
