using FeedEngine.Inference.Models;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Engine.Sessions;

/// <summary>Whether the session takes pictures from viewers (<see cref="Abstractions.Sessions.SessionSnapshot.AcceptsImages"/>).</summary>
internal sealed partial class SessionGrain
{
    IChatModelCapabilities? modelCapabilities;

    /// <summary>
    /// The rule: the served chat model reads images (a host without model capabilities, such as a test host with a scripted
    /// model, has a text model), the post is still available, and the session is a post's: a brand conversation answers
    /// with the brand's persona about its offer, and takes text only.
    /// </summary>
    bool AcceptsImages() =>
        programAvailable
        && session?.SponsorPlacementId is null
        && (modelCapabilities ??= ServiceProvider.GetService<IChatModelCapabilities>())?.ReadsImages == true;
}
