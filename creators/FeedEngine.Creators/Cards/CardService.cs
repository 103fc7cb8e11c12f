using System.Text.Json.Nodes;
using FeedEngine.Creators.Posts;
using FeedEngine.Media.Uploads;
using FeedEngine.Storage.Posts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FeedEngine.Creators.Cards;

/// <summary>
/// Imports a Character Card file as a new draft (a PNG card's picture becomes the cover, through the upload pipeline)
/// and exports a post as a card. A refused card stores nothing: the card is read and checked before the picture is.
/// </summary>
public sealed partial class CardService(PostService posts, ImageUploadService uploads, CardImage pictures, IOptions<ImageUploadOptions> media, ILogger<CardService> logger)
{
    /// <summary>The largest card file: a PNG as large as the upload pipeline takes (JSON cards are held to <see cref="CardReader.MaxJsonBytes"/>).</summary>
    public long MaxFileBytes => Math.Max(media.Value.MaxBytes, CardReader.MaxJsonBytes);

    public async Task<PostResult<PostDocument>> ImportAsync(Author author, Stream file, CancellationToken cancellationToken)
    {
        if (await ReadAtMostAsync(file, MaxFileBytes, cancellationToken) is not { } bytes)
            return new PostError(PostErrorKind.TooLarge, "Card too large",
                $"The card file is larger than {MaxFileBytes / 1024d / 1024d:0.#} MB. Export the card with a smaller picture, or as JSON.");
        var read = CardReader.Read(bytes);
        if (!read.Succeeded)
        {
            LogRefused(author.Id, read.Error.Message);
            return read.Error;
        }
        var card = read.Value;

        var problems = new PostProblems();
        var content = CardImport.ToContent(card, problems);
        var hasFirstMes = card.Data["first_mes"] is JsonValue first && first.TryGetValue<string>(out var text) && text.Trim().Length > 0;
        var check = new PostProblems();
        PostValidator.Validate(content, check);
        foreach (var (field, messages) in check.ToDictionary())
            foreach (var message in messages) problems.Add(CardImport.CardField(field, hasFirstMes), message);
        if (problems.Any)
        {
            LogRefused(author.Id, $"{problems.Count} problems");
            return PostError.Invalid(problems, "The card cannot be imported until these are fixed in your card editor. Nothing was saved.");
        }

        if (card.Png is { } png)
        {
            using var picture = new MemoryStream(png, writable: false);
            var upload = await uploads.UploadAsync(picture, author.Id, cancellationToken);
            if (!upload.Succeeded)
            {
                LogRefused(author.Id, upload.Failure.Message);
                return new PostError(upload.Failure.Kind switch
                {
                    ImageUploadFailureKind.TooLarge => PostErrorKind.TooLarge,
                    ImageUploadFailureKind.UnsupportedFormat => PostErrorKind.Unsupported,
                    _ => PostErrorKind.Invalid,
                }, "The card's picture cannot be the cover", $"The card was read, but its picture cannot be used as the cover: {upload.Failure.Message} Nothing was saved.");
            }
            content.CoverImageId = upload.Image.Id;
        }

        var created = await posts.InsertAsync(author, content, new PostProblems(), cancellationToken);
        if (created.Succeeded) LogImported(created.Value.Id, author.Id, card.Spec, card.Png is not null, content.Lore.Count);
        return created;
    }

    /// <summary>The card file of a post: JSON, or a PNG of its cover carrying the card.</summary>
    public async Task<CardDownload> ExportAsync(PostDocument post, CardSpec spec, bool png, CancellationToken cancellationToken)
    {
        var name = FileName(post.Draft.Title);
        if (!png) return new CardDownload(CardExport.ToJsonBytes(CardExport.ToCard(post.Draft, spec, post.CreatorName)), "application/json", $"{name}.json");
        var picture = await pictures.PngAsync(post.Draft.CoverImageId, cancellationToken);
        return new CardDownload(CardExport.ToPng(picture, post.Draft, spec, post.CreatorName), "image/png", $"{name}.png");
    }

    static string FileName(string title)
    {
        var name = new string([.. title.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : c == ' ' ? '-' : '\0').Where(c => c != '\0')]).Trim('-');
        return name.Length == 0 ? "card" : name.Length > 60 ? name[..60] : name;
    }

    /// <summary>The content, or null when it is longer than <paramref name="maxBytes"/>. Stops reading at the limit.</summary>
    static async Task<byte[]?> ReadAtMostAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Card imported as post {PostId} by {CreatorId}: {Spec}, PNG {FromPng}, {LoreEntries} lore entries")]
    partial void LogImported(string postId, string creatorId, CardSpec spec, bool fromPng, int loreEntries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Card import by {CreatorId} refused: {Reason}")]
    partial void LogRefused(string creatorId, string reason);
}

/// <summary>An exported card file.</summary>
public sealed record CardDownload(byte[] Bytes, string ContentType, string FileName);
