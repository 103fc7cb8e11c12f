using FeedEngine.Media.Uploads;
using FeedEngine.Storage;
using FeedEngine.Storage.Posts;
using FeedEngine.Storage.Users;

namespace FeedEngine.Web.Seeding;

public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Seed the demo creator and sample posts when the store has no posts.</summary>
    public bool Seed { get; set; } = true;
}

public static class DemoContentExtensions
{
    public static IHostApplicationBuilder AddDemoContent(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        builder.Services.AddHostedService<DemoSeeder>();
        return builder;
    }
}

/// <summary>
/// On a first run against an empty store, creates a demo creator and publishes the sample posts,
/// so a newcomer opens a living feed. Safe to run on several nodes at once: every write is keyed.
/// </summary>
public sealed partial class DemoSeeder(
    IUserRepository users,
    IPostRepository posts,
    ImageUploadService uploads,
    Microsoft.Extensions.Options.IOptions<DemoOptions> options,
    TimeProvider clock,
    ILogger<DemoSeeder> logger) : IHostedService
{
    public const string CreatorId = "demo-creator";
    const string CreatorEmail = "studio@feedengine.demo";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Seed || await posts.CountAsync(cancellationToken) > 0) return;
        var now = clock.GetUtcNow().UtcDateTime;
        await users.InsertAsync(new UserDocument
        {
            Id = CreatorId,
            LoginKey = UserDocument.EmailLoginKey(CreatorEmail),
            Email = CreatorEmail,
            DisplayName = "FeedEngine Studio",
            Roles = [UserRoles.Viewer, UserRoles.Creator],
            SecurityStamp = DocumentIds.New(),
            CreatedAt = now,
            UpdatedAt = now,
        }, cancellationToken);

        var samples = DemoPosts.All();
        for (var i = 0; i < samples.Count; i++)
        {
            var (slug, content) = samples[i];
            content.CoverImageId = await CoverAsync(slug, cancellationToken);
            var post = new PostDocument
            {
                Id = $"demo-{slug}",
                CreatorId = CreatorId,
                CreatorName = "FeedEngine Studio",
                Status = PostStatus.Draft,
                Draft = content,
                CreatedAt = now,
                UpdatedAt = now,
            };
            if (await posts.InsertAsync(post, cancellationToken) != WriteOutcome.Ok) continue;
            // Older samples first, so the feed (newest first) opens with the first one.
            await posts.PublishAsync(post, $"seed:{slug}:1", now.AddMinutes(-i), cancellationToken);
        }
        LogSeeded(samples.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task<string?> CoverAsync(string slug, CancellationToken cancellationToken)
    {
        using var cover = new MemoryStream(DemoCovers.Paint(slug));
        var result = await uploads.UploadAsync(cover, CreatorId, cancellationToken);
        if (result.Image is { } image) return image.Id;
        LogCoverRefused(slug, result.Failure?.Message);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cover of sample post {Slug} was refused: {Reason}")]
    partial void LogCoverRefused(string slug, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo creator and {Count} sample posts")]
    partial void LogSeeded(int count);
}
