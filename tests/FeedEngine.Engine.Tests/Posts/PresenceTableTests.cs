using FeedEngine.Engine.Posts;

namespace FeedEngine.Engine.Tests.Posts;

/// <summary>The "talking now" table of one post: nodes' reports summed, replaced, removed at zero, dropped when their lease ends.</summary>
public sealed class PresenceTableTests
{
    static readonly DateTimeOffset Start = new(2026, 11, 28, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reports_fromTwoNodes_areSummed_aNewReportReplacesTheOld_zeroRemovesTheNode()
    {
        var table = new PresenceTable();
        table.Report("node-a", 3, 60, Start);
        table.Report("node-b", 2, 60, Start);
        Assert.Equal(5, table.Count(Start.AddSeconds(1)));

        table.Report("node-a", 1, 60, Start.AddSeconds(2));
        Assert.Equal(3, table.Count(Start.AddSeconds(2)));

        table.Report("node-b", 0, 60, Start.AddSeconds(3));
        Assert.Equal(1, table.Count(Start.AddSeconds(3)));
    }

    [Fact]
    public void Node_thatStopsRenewing_dropsOutWhenItsLeaseEnds_theOthersStay()
    {
        var table = new PresenceTable();
        table.Report("crashed", 4, 30, Start);
        table.Report("alive", 1, 30, Start);
        table.Report("alive", 1, 30, Start.AddSeconds(20));

        Assert.Equal(5, table.Count(Start.AddSeconds(29)));
        Assert.Equal(1, table.Count(Start.AddSeconds(30)));
        Assert.Equal(0, table.Count(Start.AddSeconds(50)));
    }

    [Theory]
    [InlineData("", 1, 60)]
    [InlineData("   ", 1, 60)]
    [InlineData("node", -1, 60)]
    [InlineData("node", 1, 0)]
    [InlineData("node", 1, 3_601)]
    public void Report_breakingTheContract_throws_andChangesNothing(string nodeId, int viewers, int leaseSeconds)
    {
        var table = new PresenceTable();
        table.Report("node-a", 2, 60, Start);

        Assert.ThrowsAny<ArgumentException>(() => table.Report(nodeId, viewers, leaseSeconds, Start));

        Assert.Equal(2, table.Count(Start));
    }

    [Fact]
    public void Report_withAnOverlongNodeId_orTooManyNodes_isRefused()
    {
        var table = new PresenceTable();
        Assert.Throws<ArgumentException>(() => table.Report(new string('n', 101), 1, 60, Start));
        for (var i = 0; i < 1_000; i++) table.Report($"node-{i}", 1, 60, Start);

        Assert.Throws<ArgumentException>(() => table.Report("one-too-many", 1, 60, Start));

        Assert.Equal(1_000, table.Count(Start));
    }
}
