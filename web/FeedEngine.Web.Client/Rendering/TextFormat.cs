namespace FeedEngine.Web.Client.Rendering;

/// <summary>How <see cref="SafeText"/> shows a text: sanitised Markdown, or plain text with no markup at all.</summary>
public enum TextFormat { Markdown, Plain }
