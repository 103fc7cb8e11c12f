using FeedEngine.Safety.Filters;
using FeedEngine.Safety.Leaks;
using FeedEngine.Safety.PersonalData;
using FeedEngine.Safety.Tests.Filters;

namespace FeedEngine.Safety.Tests.PersonalData;

public sealed class PersonalDataFilterTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(11)]
    public void Stream_cardPhoneAndEmailSplitAcrossFrames_areRedacted(int frameSize)
    {
        const string text = "Sure! Pay with 4111 1111 1111 1111, call +1 415 555 0100 or write to captain.mara@example.com and wait.";

        var harness = new FilterHarness(new PersonalDataFilter()).Push(FilterHarness.Chunks(text, frameSize)).Complete();

        Assert.Equal("Sure! Pay with [card number removed], call [phone number removed] or write to [e-mail removed] and wait.", harness.Received);
        Assert.Contains(PersonalDataRedactor.Card, harness.Findings);
        Assert.Contains(PersonalDataRedactor.Email, harness.Findings);
    }

    [Fact]
    public void Stream_personalDataAtTheVeryEnd_isRedactedOnComplete()
    {
        var harness = new FilterHarness(new PersonalDataFilter()).Push("reach me at ", "jane@exam", "ple.org").Complete();

        Assert.Equal("reach me at [e-mail removed]", harness.Received);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(40)]
    public void Stream_ordinaryText_passesUnchanged_holdingOnlyTheLastWord(int frameSize)
    {
        var text = string.Concat(Enumerable.Repeat("The lighthouse keeper counted 3 ships in 1999, then went to sleep. ", 8));
        var filter = new PersonalDataFilter();

        var harness = new FilterHarness(filter).Push(FilterHarness.Chunks(text, frameSize)).Complete();

        Assert.Equal(text, harness.Received);
        Assert.True(harness.MaxHeld <= filter.Window);
    }

    [Fact]
    public void Stream_endlessDigits_areNeverHeldBeyondTheWindow()
    {
        var filter = new PersonalDataFilter();

        var harness = new FilterHarness(filter).Push(FilterHarness.Chunks(string.Concat(Enumerable.Repeat("12 ", 300)), 4));

        Assert.True(harness.MaxHeld <= filter.Window, $"held {harness.MaxHeld}");
    }

    [Fact]
    public void Chain_leakThenPersonalData_redactsAndStillStopsLeaks()
    {
        var canary = CanaryToken.Create();
        var chain = new OutputFilterChain(new LeakFilter(new LeakDetector([canary], ["hidden words that are long enough to be a secret"])), new PersonalDataFilter());

        var harness = new FilterHarness(chain).Push(FilterHarness.Chunks("Write to a@b.com. Then " + canary + " more", 3)).Complete();

        Assert.Equal(LeakFilter.CanaryCode, harness.Stop?.Code);
        Assert.DoesNotContain("a@b.com", harness.Received);
        Assert.DoesNotContain(canary, harness.Received);
        Assert.Equal(chain.Window, new LeakFilter(new LeakDetector([canary], [])).Window + PersonalDataFilter.DefaultWindow);
    }

    [Fact]
    public void Chain_withoutFindings_releasesEverythingOnComplete()
    {
        var chain = new OutputFilterChain(new LeakFilter(new LeakDetector([CanaryToken.Create()], [])), new PersonalDataFilter());

        var harness = new FilterHarness(chain).Push(FilterHarness.Chunks("A perfectly ordinary reply about ships.", 2)).Complete();

        Assert.Null(harness.Stop);
        Assert.Equal("A perfectly ordinary reply about ships.", harness.Received);
    }
}
