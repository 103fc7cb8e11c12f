using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace FeedEngine.Web.Client.Talk;

/// <summary>
/// Pictures in the viewer's messages. When the snapshot says <c>acceptsImages</c>, the composer offers an attach control;
/// each chosen file is checked (type, size), uploaded to <c>POST /api/images</c> with the viewer's token, shown as a
/// thumbnail that can be removed, and its id goes with the next message (<c>Send</c>'s imageIds). A refused upload says
/// why and leaves the typed text alone.
/// </summary>
public partial class ConversationPanel
{
    /// <summary>The hub's limit on pictures per message.</summary>
    public const int MaxImagesPerMessage = 4;

    [Inject] ImageUploads Uploads { get; set; } = default!;

    readonly List<AttachmentView> attachments = [];
    string? attachError;

    bool AcceptsImages => snapshot?.AcceptsImages == true;

    bool Uploading => attachments.Any(a => a.Uploading);

    async Task AttachAsync(InputFileChangeEventArgs e)
    {
        attachError = null;
        var room = MaxImagesPerMessage - attachments.Count;
        if (e.FileCount > room)
        {
            attachError = $"A message carries at most {MaxImagesPerMessage} pictures" + (room > 0 ? $"; attach {room} more at most." : ". Remove one first.");
            return;
        }
        var uploads = new List<Task>();
        foreach (var file in e.GetMultipleFiles(MaxImagesPerMessage))
        {
            if (ImageUploads.Check(file.Name, file.ContentType, file.Size) is { } refused)
            {
                attachError = refused;
                continue;
            }
            var attachment = new AttachmentView { Name = file.Name, Cancel = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token) };
            attachments.Add(attachment);
            uploads.Add(UploadAsync(attachment, file));
        }
        StateHasChanged();
        await Task.WhenAll(uploads);
    }

    async Task UploadAsync(AttachmentView attachment, IBrowserFile file)
    {
        try
        {
            using var buffer = new MemoryStream();
            await using (var read = file.OpenReadStream(ImageUploads.MaxBytes, attachment.Cancel.Token))
                await read.CopyToAsync(buffer, attachment.Cancel.Token);
            var uploaded = await Uploads.UploadAsync(buffer.ToArray(), file.Name, file.ContentType, attachment.Cancel.Token);
            attachment.Uploaded = uploaded;
        }
        catch (ImageUploadException e)
        {
            attachError = e.Message;
            attachments.Remove(attachment);
        }
        catch (IOException e)
        {
            attachError = $"“{file.Name}” could not be read ({e.Message}). Choose it again.";
            attachments.Remove(attachment);
        }
        catch (OperationCanceledException) when (attachment.Cancel.IsCancellationRequested)
        {
            // Removed while uploading, or the panel closed.
            return;
        }
        catch (OperationCanceledException)
        {
            attachError = $"“{file.Name}” took too long to upload. Check your connection and attach it again.";
            attachments.Remove(attachment);
        }
        if (!lifetime.IsCancellationRequested) StateHasChanged();
    }

    void RemoveAttachment(AttachmentView attachment)
    {
        attachment.Cancel.Cancel();
        attachments.Remove(attachment);
        attachError = null;
    }

    /// <summary>The uploaded pictures' ids and URLs for the message being sent; the tray empties.</summary>
    (string[] ImageIds, string[] Urls) TakeAttachments()
    {
        if (!AcceptsImages) return ([], []);
        var ready = attachments.Where(a => a.Uploaded is not null).Select(a => a.Uploaded!).ToList();
        foreach (var attachment in attachments) attachment.Cancel.Dispose();
        attachments.Clear();
        attachError = null;
        return ([.. ready.Select(u => u.ImageId)], [.. ready.Select(u => u.Url)]);
    }
}

/// <summary>A picture chosen for the next message: uploading, or uploaded (with its thumbnail).</summary>
public sealed class AttachmentView
{
    public string Name { get; init; } = "";
    public UploadedImage? Uploaded { get; set; }
    public bool Uploading => Uploaded is null;
    internal CancellationTokenSource Cancel { get; init; } = new();
}
