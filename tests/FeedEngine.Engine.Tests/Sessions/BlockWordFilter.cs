using FeedEngine.Safety.Output;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>A stand-in for the safety filters to come: stops a reply at a word, showing what came before it.</summary>
public sealed class BlockWordFilterFactory(string word) : IOutputFilterFactory
{
    public int Order => 100;

    public OutputFilter Create(OutputFilterContext context) => new Filter(word);

    sealed class Filter(string word) : OutputFilter
    {
        public override OutputFilterResult Write(string text)
        {
            var at = text.IndexOf(word, StringComparison.Ordinal);
            return at < 0 ? OutputFilterResult.Pass(text) : new OutputFilterResult(text[..at], new OutputFilterStop("blocked", "This reply broke the post's rules and was stopped."));
        }

        public override OutputFilterResult Complete() => OutputFilterResult.Pass("");
    }
}
