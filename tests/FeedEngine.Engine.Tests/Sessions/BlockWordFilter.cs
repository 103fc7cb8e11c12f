using FeedEngine.Safety.Filters;

namespace FeedEngine.Engine.Tests.Sessions;

/// <summary>A filter a host adds through <see cref="IOutputFilterFactory"/>: stops a reply at a word, showing what came before it.</summary>
public sealed class BlockWordFilterFactory(string word) : IOutputFilterFactory
{
    public int Order => 100;

    public IOutputFilter Create(OutputFilterContext context) => new Filter(word);

    sealed class Filter(string word) : IOutputFilter
    {
        public int Window => 0;

        public FilterResult Push(string text)
        {
            var at = text.IndexOf(word, StringComparison.Ordinal);
            return at < 0 ? FilterResult.Release(text) : FilterResult.Stopping(new FilterStop("test.blocked", "This reply broke the post's rules and was stopped."), text[..at]);
        }

        public FilterResult Complete() => FilterResult.Hold;
    }
}
