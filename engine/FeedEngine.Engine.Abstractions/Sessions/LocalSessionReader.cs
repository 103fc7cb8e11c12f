using System.Buffers;
using System.Threading.Channels;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;

namespace FeedEngine.Engine.Abstractions.Sessions;

/// <summary>
/// Where a session writes the events of a read whose caller runs in the same process as the session's activation
/// (<see cref="ISessionGrain.OpenLocalReadAsync"/>): one grain call opens the read, instead of one per event. It has no
/// serializer on purpose: it only means something inside one process, so a session that turns out to be active on
/// another node refuses the call, and the caller reads with <see cref="ISessionGrain.ReadAsync"/> (docs/sessions.md).
/// Inside the process it is passed as it is (immutable: never copied).
/// </summary>
[Immutable]
public sealed class LocalSessionReader(ChannelWriter<SessionEvent> events, CancellationToken cancellation)
{
    /// <summary>The read's events, in order; completed when the read ends, with its error when it fails.</summary>
    public ChannelWriter<SessionEvent> Events { get; } = events;

    /// <summary>Stops the read (the caller went away).</summary>
    public CancellationToken Cancellation { get; } = cancellation;
}

/// <summary>Refuses to send a <see cref="LocalSessionReader"/> to another process: the call fails and the caller pulls instead.</summary>
[RegisterSerializer]
internal sealed class LocalSessionReaderCodec : IFieldCodec<LocalSessionReader>
{
    const string Refusal = "A local session reader only works inside the process of the session's activation; read with ReadAsync.";

    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, LocalSessionReader? value)
        where TBufferWriter : IBufferWriter<byte> => throw new NotSupportedException(Refusal);

    public LocalSessionReader ReadValue<TInput>(ref Reader<TInput> reader, Field field) => throw new NotSupportedException(Refusal);
}
