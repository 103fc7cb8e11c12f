using FeedEngine.Storage.Sessions;
using static FeedEngine.Engine.Tests.Sessions.EngineCluster;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>Regenerate and branches: the turn trees they make, the state that follows the branch, and refusals that change nothing.</summary>
[Collection(EngineClusterCollection.Name)]
public sealed class SessionBranchTests(EngineCluster engine)
{
    static string Path(SessionSnapshot snapshot) => string.Join(" | ", snapshot.Turns.Select(t => $"{t.Seq}:{t.BranchId}:{t.Text}"));

    [Fact]
    public async Task Regenerate_lastReply_writesANewAnswerOnANewBranchAndKeepsTheOldOneReadable()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        var text = "Tell me about the lamp " + Guid.NewGuid().ToString("n");
        engine.Model.Reply(text, "It burns whale oil.");
        await SendAsync(session, viewer, text);
        engine.Model.Reply(text, "It was electric ", "since 1920.");

        var receipt = Ok(await session.RegenerateAsync(viewer, 2));
        var events = await ReadAsync(session, viewer, receipt.AfterSeq, receipt.ReplyTurnSeq);

        Assert.Equal((1L, 3L), (receipt.MessageTurnSeq, receipt.ReplyTurnSeq));
        Assert.Equal("It was electric since 1920.", Tokens(events));
        Assert.Equal("b1", events[^1].BranchId);
        var regenerated = Ok(await session.GetSnapshotAsync(viewer));
        Assert.Equal("b1", regenerated.BranchId);
        Assert.Equal($"1:main:{text} | 3:b1:It was electric since 1920.", Path(regenerated));
        var branch = regenerated.Branches[1];
        Assert.Equal(("b1", "main", 1L, "regenerate"), (branch.BranchId, branch.ParentBranchId, branch.ForkTurnSeq, branch.Kind));

        var main = Ok(await session.SwitchBranchAsync(viewer, "main"));
        Assert.Equal($"1:main:{text} | 2:main:It burns whale oil.", Path(main));
        var stored = await engine.Turns.ListAsync(snapshot.SessionId);
        Assert.Equal(["1:main", "2:main", "3:b1"], stored.Select(t => $"{t.Seq}:{t.BranchId}"));
        // The model saw the message once, without the reply it replaces.
        Assert.DoesNotContain(engine.Model.PromptFor(text), m => m.Text.Contains("whale oil", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Branch_fromAnEarlierReply_continuesThereAndStateFollowsEveryBranch()
    {
        var (viewer, session, snapshot) = await engine.StartAsync(Samples.Quiz());
        var id = Guid.NewGuid().ToString("n")[..8];
        engine.Model.Reply($"Sun {id}", "Correct!", "<state>{\"inc\":{\"score\":1,\"question\":1}}</state>");
        engine.Model.Reply($"Jupiter {id}", "Correct again!", "<state>{\"inc\":{\"score\":1,\"question\":1}}</state>");
        engine.Model.Reply($"Mars {id}", "No, sorry.", "<state>{\"inc\":{\"question\":1}}</state>");
        await SendAsync(session, viewer, $"Sun {id}");
        await SendAsync(session, viewer, $"Jupiter {id}");
        Assert.Equal("""{"score":2,"question":3}""", Ok(await session.GetSnapshotAsync(viewer)).StateJson);

        var branched = Ok(await session.BranchAsync(viewer, 2));

        Assert.Equal("b1", branched.BranchId);
        Assert.Equal($"1:main:Sun {id} | 2:main:Correct!", Path(branched));
        Assert.Equal("""{"score":1,"question":2}""", branched.StateJson);
        var (receipt, _) = await SendAsync(session, viewer, $"Mars {id}");
        Assert.Equal((5L, 6L), (receipt.MessageTurnSeq, receipt.ReplyTurnSeq));
        Assert.Equal("""{"score":1,"question":3}""", Ok(await session.GetSnapshotAsync(viewer)).StateJson);
        Assert.Contains("- score = 1 (", engine.Model.PromptFor($"Mars {id}")[0].Text, StringComparison.Ordinal);

        var main = Ok(await session.SwitchBranchAsync(viewer, "main"));
        Assert.Equal($"1:main:Sun {id} | 2:main:Correct! | 3:main:Jupiter {id} | 4:main:Correct again!", Path(main));
        Assert.Equal("""{"score":2,"question":3}""", main.StateJson);

        // A branch of a branch, from a turn the branch shares with main, and from the greeting.
        var fromStart = Ok(await session.BranchAsync(viewer, 0));
        Assert.Empty(fromStart.Turns);
        Assert.Equal("""{"score":0,"question":1}""", fromStart.StateJson);

        var back = Ok(await session.SwitchBranchAsync(viewer, "b1"));
        Assert.Equal($"1:main:Sun {id} | 2:main:Correct! | 5:b1:Mars {id} | 6:b1:No, sorry.", Path(back));
        Assert.Equal("""{"score":1,"question":3}""", back.StateJson);
        Assert.Equal(["main", "b1", "b2"], back.Branches.Select(b => b.BranchId));

        // No turn lost or duplicated, and the choice of branch is stored.
        Assert.Equal([1L, 2, 3, 4, 5, 6], (await engine.Turns.ListAsync(snapshot.SessionId)).Select(t => t.Seq));
        var document = await engine.Sessions.FindAsync(snapshot.SessionId);
        Assert.Equal("b1", document!.CurrentBranchId);
        Assert.Equal(2, document.Branches.Count);
        Assert.Contains("\"score\":1", document.StateJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BranchRegenerateSwitch_badInput_areRefusedWithAReasonAndChangeNothing()
    {
        var (viewer, session, snapshot) = await engine.StartAsync();
        var (first, _) = await SendAsync(session, viewer, "One " + Guid.NewGuid().ToString("n"));
        await SendAsync(session, viewer, "Two " + Guid.NewGuid().ToString("n"));
        var before = Ok(await session.GetSnapshotAsync(viewer));

        (SessionRejectionReason?, string?) Refusal<T>(SessionOutcome<T> outcome) => (outcome.Rejection?.Reason, outcome.Rejection?.Message);

        var missing = Refusal(await session.BranchAsync(viewer, 99));
        Assert.Equal(SessionRejectionReason.InvalidInput, missing.Item1);
        Assert.Contains("no turn 99", missing.Item2, StringComparison.Ordinal);
        Assert.Contains("is a message", Refusal(await session.BranchAsync(viewer, first.MessageTurnSeq)).Item2, StringComparison.Ordinal);
        Assert.Contains("start at 1", Refusal(await session.BranchAsync(viewer, -1)).Item2, StringComparison.Ordinal);
        Assert.Contains("not the last reply", Refusal(await session.RegenerateAsync(viewer, first.ReplyTurnSeq)).Item2, StringComparison.Ordinal);
        Assert.Contains("not the last reply", Refusal(await session.RegenerateAsync(viewer, 3)).Item2, StringComparison.Ordinal);
        Assert.Contains("no branch 'b7'", Refusal(await session.SwitchBranchAsync(viewer, "b7")).Item2, StringComparison.Ordinal);
        Assert.Equal(SessionRejectionReason.NotFound, (await session.BranchAsync("stranger", 2)).Rejection?.Reason);
        Assert.Equal(SessionRejectionReason.NotFound, (await session.RegenerateAsync("stranger", 4)).Rejection?.Reason);

        var after = Ok(await session.GetSnapshotAsync(viewer));
        Assert.Equal((before.LastEventSeq, Path(before), "main"), (after.LastEventSeq, Path(after), after.BranchId));
        Assert.Single(after.Branches);
        Assert.Equal(4, (await engine.Turns.ListAsync(snapshot.SessionId)).Count);
        Assert.Empty((await engine.Sessions.FindAsync(snapshot.SessionId))!.Branches);
    }

    [Fact]
    public async Task Branch_whileAReplyIsBeingWritten_isRefused()
    {
        var (viewer, session, _) = await engine.StartAsync();
        var text = "Hold on " + Guid.NewGuid().ToString("n");
        var script = engine.Model.Reply(text, new Script(["Thinking..."], holdOpen: true));
        var receipt = Ok(await session.SendAsync(Message(viewer, text)));

        Assert.Equal(SessionRejectionReason.ReplyInProgress, (await session.BranchAsync(viewer, 0)).Rejection?.Reason);
        Assert.Equal(SessionRejectionReason.ReplyInProgress, (await session.RegenerateAsync(viewer, receipt.ReplyTurnSeq)).Rejection?.Reason);

        Ok(await session.CancelAsync(viewer));
        await script.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("b1", Ok(await session.BranchAsync(viewer, 0)).BranchId);
    }
}
