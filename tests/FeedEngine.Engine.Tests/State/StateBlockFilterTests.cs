using FeedEngine.Safety.Filters;

namespace FeedEngine.Engine.Tests.State;

public sealed class StateBlockFilterTests
{
    static (string Shown, StateBlockFilter Filter) Run(params string[] frames)
    {
        var filter = new StateBlockFilter();
        var shown = string.Concat(frames.Select(f => filter.Push(f).Released)) + filter.Complete().Released;
        return (shown, filter);
    }

    [Fact]
    public void Write_blockAtTheEnd_isCapturedAndNeverShown()
    {
        var (shown, filter) = Run("You climb the stairs.\n", """<state>{"set":{"location":"lighthouse"}}</state>""");

        Assert.Equal("You climb the stairs.\n", shown);
        Assert.Equal(["""{"set":{"location":"lighthouse"}}"""], filter.Blocks);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Write_blockSplitAcrossFrames_isStillCaught(int frameLength)
    {
        const string reply = "The door creaks. <STATE>{\"add\":{\"clues\":[\"cave map\"]}}</State> You step in.";
        var frames = Enumerable.Range(0, (reply.Length + frameLength - 1) / frameLength)
            .Select(i => reply.Substring(i * frameLength, Math.Min(frameLength, reply.Length - i * frameLength))).ToArray();

        var (shown, filter) = Run(frames);

        Assert.Equal("The door creaks.  You step in.", shown);
        Assert.Equal(["{\"add\":{\"clues\":[\"cave map\"]}}"], filter.Blocks);
    }

    [Fact]
    public void Write_textThatOnlyLooksLikeATagStart_isHeldThenReleased()
    {
        var filter = new StateBlockFilter();

        Assert.Equal("a ", filter.Push("a <st").Released);
        Assert.Equal("<stairs", filter.Push("airs").Released);
        Assert.Equal(" x <", filter.Push(" x <").Released + filter.Complete().Released);
    }

    [Fact]
    public void Complete_unclosedBlock_isDroppedWithAProblem()
    {
        var (shown, filter) = Run("Hello ", "<state>{\"set\":{\"location\":");

        Assert.Equal("Hello ", shown);
        Assert.Empty(filter.Blocks);
        Assert.Contains("not closed", Assert.Single(filter.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_oversizedBlock_isDroppedAndTextAfterItIsShown()
    {
        var (shown, filter) = Run("a", "<state>", new string('x', StateBlockFilter.MaxBlockLength + 100), "</state>", "b");

        Assert.Equal("ab", shown);
        Assert.Empty(filter.Blocks);
        Assert.Contains("ran past", Assert.Single(filter.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Chain_filtersRunInOrder_andAStopEndsTheReply()
    {
        var stop = new StopOn("secret");
        var chain = new OutputFilterChain([new StateBlockFilter(), stop]);

        var first = chain.Push("fine <state>{}</state>words ");
        var second = chain.Push("then the secret");
        var later = chain.Push("more");

        Assert.Equal("fine words ", first.Released);
        Assert.Null(first.Stop);
        Assert.Equal("test.blocked", second.Stop?.Code);
        Assert.Equal("", second.Released);
        Assert.Equal("", later.Released);
        Assert.NotNull(chain.Stopped);
    }

    [Fact]
    public void Chain_complete_flushesEachFilterIntoTheNext()
    {
        var chain = new OutputFilterChain([new StateBlockFilter(), new StateBlockFilter()]);

        Assert.Equal("x ", chain.Push("x <sta").Released);
        Assert.Equal("<sta", chain.Complete().Released);
    }

    sealed class StopOn(string word) : IOutputFilter
    {
        public int Window => 0;

        public FilterResult Push(string text) =>
            text.Contains(word, StringComparison.Ordinal) ? FilterResult.Stopping(new FilterStop("test.blocked", "Blocked.")) : FilterResult.Release(text);

        public FilterResult Complete() => FilterResult.Hold;
    }
}
