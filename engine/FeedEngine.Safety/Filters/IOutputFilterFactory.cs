namespace FeedEngine.Safety.Filters;

/// <summary>Whose reply a filter is watching.</summary>
public sealed record OutputFilterContext(string SessionId, string PostId, string ViewerId);

/// <summary>
/// Makes one <see cref="IOutputFilter"/> per reply. Registered in DI; the session runs them after its own filters (state
/// blocks, leaks, personal data), in ascending <see cref="Order"/>.
/// </summary>
public interface IOutputFilterFactory
{
    int Order { get; }

    IOutputFilter Create(OutputFilterContext context);
}
