using Microsoft.Extensions.Logging;

namespace FeedEngine.Media.Uploads;

static partial class UploadLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
        Message = "Stored image {ImageId} for {OwnerId}: {Width}x{Height}, {Bytes} bytes in its variants, {ElapsedMilliseconds:0} ms")]
    public static partial void ImageStored(ILogger logger, string imageId, string ownerId, int width, int height, long bytes, double elapsedMilliseconds);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Upload by {OwnerId} is the same picture as image {ImageId}; nothing new stored")]
    public static partial void ImageDeduplicated(ILogger logger, string imageId, string ownerId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Refused an image upload by {OwnerId} ({Kind}): {Reason}")]
    public static partial void UploadRefused(ILogger logger, ImageUploadFailureKind kind, string ownerId, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "The {Format} decoder failed on an uploaded file")]
    public static partial void DecoderFailed(ILogger logger, UploadFormat format, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Refused an upload request with {StatusCode}: {Reason}")]
    public static partial void RequestRefused(ILogger logger, int statusCode, string reason);
}
