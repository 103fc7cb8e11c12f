using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace FeedEngine.Web.Tests.FeedUi;

/// <summary>
/// FeedEngine's HTTP API as the feed's browser code sees it, for bunit: a signed-in viewer's browser token, and
/// <c>POST /api/images</c> answering what the test says (held until released when the test wants to see "uploading").
/// </summary>
public sealed class FakeFeedServer : HttpMessageHandler
{
    public const string AccessToken = "viewer-token";

    public ConcurrentQueue<UploadSeen> Uploads { get; } = new();

    /// <summary>The next uploads' answer: the status and body (an imageId is made up for 200).</summary>
    public Func<int, (HttpStatusCode Status, string Body)> Answer { get; set; } = n => (HttpStatusCode.OK, Uploaded(ImageId(n)));

    /// <summary>Uploads wait for this before answering (completed by default).</summary>
    public TaskCompletionSource Gate { get; set; } = Completed();

    /// <summary>Set when an upload request arrives.</summary>
    public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Image ids look like the server's: 22 URL-safe characters.</summary>
    public static string ImageId(int n) => $"img{n:D19}";

    public static string Uploaded(string id) =>
        $$$"""{"imageId":"{{{id}}}","url":"/images/{{{id}}}/full","variants":{"thumbnail":"/images/{{{id}}}/thumbnail","card":"/images/{{{id}}}/card","full":"/images/{{{id}}}/full"}}""";

    public static string Problem(int status, string detail) => $$"""{"status":{{status}},"title":"Refused","detail":"{{detail}}"}""";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Get && path == "/api/auth/browser-token")
            return Json(HttpStatusCode.OK, $$"""{"accessToken":"{{AccessToken}}","expiresAt":"2099-01-01T00:00:00Z","userId":"viewer-1"}""", "application/json");
        if (request.Method == HttpMethod.Post && path == "/api/images")
        {
            var form = (MultipartFormDataContent)request.Content!;
            var file = form.Single();
            var seen = new UploadSeen(request.Headers.Authorization, file.Headers.ContentDisposition?.Name?.Trim('"'),
                file.Headers.ContentDisposition?.FileName?.Trim('"'), file.Headers.ContentType?.MediaType, (await file.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false)).Length);
            Uploads.Enqueue(seen);
            Arrived.TrySetResult();
            await Gate.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            var (status, body) = Answer(Uploads.Count);
            return Json(status, body, status == HttpStatusCode.OK ? "application/json" : "application/problem+json");
        }
        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    static HttpResponseMessage Json(HttpStatusCode status, string body, string type) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, type) };

    static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    public sealed record UploadSeen(AuthenticationHeaderValue? Authorization, string? Field, string? FileName, string? ContentType, int Bytes);
}
