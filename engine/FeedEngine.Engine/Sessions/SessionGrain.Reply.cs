using System.Text;
using System.Threading.Channels;
using FeedEngine.Engine.Abstractions.Sessions;
using FeedEngine.Engine.Prompts;
using FeedEngine.Engine.State;
using FeedEngine.Inference;
using FeedEngine.Inference.Scheduling;
using FeedEngine.Media.Uploads;
using FeedEngine.Safety.Filters;
using FeedEngine.Storage;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.AI;

namespace FeedEngine.Engine.Sessions;

internal sealed partial class SessionGrain
{
    void StartReply(ViewerMessage message, SendReceipt receipt)
    {
        var run = new ReplyRun(message, receipt, time.GetTimestamp());
        running = run;
        // Runs on this grain's scheduler, apart from the call that started it: readers come and go, the reply goes on.
        run.Completion = RunAnyReplyAsync(run);
    }

    async Task RunReplyAsync(ReplyRun run)
    {
        var stateFilter = new StateBlockFilter();
        var context = new OutputFilterContext(SessionId, program.PostId, run.Message.ViewerId);
        var safety = StartSafety(run);
        var chain = new OutputFilterChain([stateFilter, safety.Filter, .. filterFactories.OrderBy(f => f.Order).Select(f => f.Create(context))]);
        SessionStatus? status = null;
        string? error = null;
        try
        {
            await EnsureSeqsReservedAsync();
            await ScreenMessageAsync(run, safety);
            var attached = await LoadImagesAsync(run.Message.ImageIds, run.Token);
            try
            {
                await StreamAsync(run, await BuildPromptAsync(attached, unseenImages: 0, run.Token), chain);
            }
            catch (NotSupportedException e) when (attached.Count > 0 && !run.HasText)
            {
                // A model that cannot see images still answers, told that there were some.
                SessionLog.ImagesNotSupported(logger, SessionId, e.Message);
                await StreamAsync(run, await BuildPromptAsync([], attached.Count, run.Token), chain);
            }
        }
        catch (OperationCanceledException) when (run.StopReason != ReplyStop.None)
        {
        }
        catch (InferenceBusyException e)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(e.RetryAfter.TotalSeconds));
            status = new SessionStatus { Code = SessionStatusCode.Busy, Message = $"Too many conversations at once: the model is busy. Try again in {seconds} s.", RetryAfterSeconds = seconds };
        }
        catch (ModelUnavailableException e)
        {
            status = new SessionStatus { Code = SessionStatusCode.ModelUnavailable, Message = e.Message };
        }
        catch (PromptTooLongException e)
        {
            error = e.Message;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SessionLog.ReplyFailed(logger, e, SessionId, run.ReplyTurnSeq);
            error = "The model failed while writing this reply. Send your message again.";
        }

        try
        {
            await FinishAsync(run, chain, stateFilter, status, error);
        }
        catch (Exception e)
        {
            // The boundary of the background reply: nothing may escape unobserved.
            SessionLog.FinishFailed(logger, e, SessionId, run.ReplyTurnSeq);
            if (ReferenceEquals(running, run)) running = null;
        }
    }

    async Task<AssembledPrompt> BuildPromptAsync(IReadOnlyList<DataContent> attached, int unseenImages, CancellationToken cancellationToken)
    {
        var memories = await RecallAsync(cancellationToken);
        // Sponsored turns are the brand's, never the post's: its persona does not see them (nor messages the brand answered).
        var recent = PostVisibleTurns();
        if (unseenImages > 0 && recent.Count > 0)
        {
            var last = recent[^1];
            recent[^1] = new TurnDocument { Seq = last.Seq, Role = last.Role, Text = $"{last.Text}\n\n(I attached {unseenImages} image(s) that you cannot see.)" };
        }
        var prompt = await prompts.BuildAsync(new PromptInput(program, schema, state, session!.Greeting, recent, attached, Preamble: CanaryLine) { Memories = memories, Canon = program.Canon }, cancellationToken);
        NotePrompt(prompt);
        return prompt;
    }

    /// <summary>
    /// Reads the model on the thread pool and releases its text here in frames: everything generated since the last
    /// frame, at most one frame per <see cref="SessionOptions.FrameMilliseconds"/> (the first text the filters release goes
    /// out at once).
    /// </summary>
    async Task StreamAsync(ReplyRun run, AssembledPrompt prompt, OutputFilterChain chain)
    {
        var chatOptions = new ChatOptions { MaxOutputTokens = Options.ReplyTokens, Temperature = (float?)Options.Temperature }.WithViewer(run.Message.ViewerId);
        var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _ = Task.Run(() => ModelStream.ProduceAsync(chat, prompt.Messages, chatOptions, channel.Writer, run.Token));

        var frameInterval = TimeSpan.FromMilliseconds(Options.FrameMilliseconds);
        var reader = channel.Reader;
        var frame = new StringBuilder();
        long? lastFrame = null;
        while (await reader.WaitToReadAsync(run.Token))
        {
            if (lastFrame is { } at && frameInterval - time.GetElapsedTime(at) is { Ticks: > 0 } wait)
            {
                await Task.WhenAny(reader.Completion, Task.Delay(wait, time, run.Token));
                run.Token.ThrowIfCancellationRequested();
            }
            while (reader.TryRead(out var text)) frame.Append(text);
            var result = chain.Push(frame.ToString());
            frame.Clear();
            // The interval spaces the frames viewers receive: text the filters held back sent nothing, so the next
            // token is not made to wait for it.
            if (result.Released.Length > 0) lastFrame = time.GetTimestamp();
            await EnsureSeqsReservedAsync();
            Release(run, result.Released);
            if (result.Stop is not null)
            {
                run.Stop(ReplyStop.Blocked);
                return;
            }
        }
        // False from WaitToReadAsync means the model finished without error (an error is thrown by it). Its Completion
        // is not awaited: when the last read races the writer's completion it can stay incomplete for good
        // (dotnet/runtime#123544, present in 10.0.12), and one reply in a few thousand then hung, and its session with it.
    }

    void Release(ReplyRun run, string text)
    {
        if (text.Length == 0) return;
        if (!run.HasText) metrics.FirstToken(time.GetElapsedTime(run.StartedAt));
        run.Release(log.AppendToken(text, run.Sponsor is not null));
        metrics.Frame();
    }

    void Emit(ReplyRun run, SessionEvent item) => run.Events.Add(LoggedEvent.Of(log.Append(item)));

    async Task<IReadOnlyList<DataContent>> LoadImagesAsync(string[] imageIds, CancellationToken cancellationToken)
    {
        var loaded = new List<DataContent>();
        foreach (var imageId in imageIds)
        {
            if (await images.OpenVariantAsync(imageId, ImageVariantNames.Full, cancellationToken) is not { } content) continue;
            await using var stream = content.Stream;
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            loaded.Add(new DataContent(buffer.ToArray(), content.ContentType));
        }
        return loaded;
    }
}
