using System.ComponentModel.DataAnnotations;

namespace FeedEngine.Web.Hosting;

/// <summary>The co-hosted Orleans silo. Several app nodes on one machine need distinct ports.</summary>
public sealed class SiloHostOptions
{
    public const string SectionName = "Orleans";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    [Required]
    public string ClusterId { get; set; } = "feedengine-dev";

    /// <summary>A Redis connection string: app nodes then form one Orleans cluster through Redis. Unset: a single local silo.</summary>
    public string? Redis { get; set; }
}
