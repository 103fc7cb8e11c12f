using FeedEngine.Safety.Moderation;

namespace FeedEngine.Safety.Tests.Moderation;

public sealed class PhraseMatcherTests
{
    [Theory]
    [InlineData("I love SPORTS betting!", true)]
    [InlineData("sports\n\n  betting", true)]
    [InlineData("sports-betting", true)]
    [InlineData("sportsbetting", false)]
    [InlineData("sports bet\u200Bting", true)]
    [InlineData("SPO\u00ADRTS\u2060 be\uFEFFtting", true)]
    [InlineData("transports betting", false)]
    [InlineData("", false)]
    public void Find_matchesWholeWordsAcrossSpacingAndCase(string text, bool expected) =>
        Assert.Equal(expected, new PhraseMatcher(["Sports Betting"]).Find(text).Count > 0);

    [Fact]
    public void Find_returnsEveryPhraseFound() =>
        Assert.Equal(["meth", "gore"], new PhraseMatcher(["meth", "gore", "heroin"]).Find("Gore and meth, not method."));
}
