using FeedEngine.Inference.Onnx;

namespace FeedEngine.Inference.Tests.Onnx;

public sealed class StopSequenceFilterTests
{
    [Fact]
    public void Append_stop_split_across_pieces_is_held_back_then_cut()
    {
        var filter = new StopSequenceFilter(["<END>"]);
        Assert.Equal("Hello ", filter.Append("Hello <"));
        Assert.Equal("", filter.Append("EN"));
        Assert.Equal("", filter.Append("D> more"));
        Assert.True(filter.Stopped);
        Assert.Equal("", filter.Flush());
    }

    [Fact]
    public void Append_false_start_is_released_when_it_stops_matching()
    {
        var filter = new StopSequenceFilter(["<END>"]);
        Assert.Equal("a", filter.Append("a<E"));
        Assert.Equal("<EX", filter.Append("X"));
        Assert.False(filter.Stopped);
        Assert.Equal("b", filter.Append("b"));
        Assert.Equal("<", filter.Append("<") + filter.Flush());
    }

    [Fact]
    public void Append_earliest_of_several_stops_wins()
    {
        var filter = new StopSequenceFilter(["World", "lo W", ""]);
        Assert.Equal("Hel", filter.Append("Hello World"));
        Assert.True(filter.Stopped);
        Assert.Equal("", filter.Append("more"));
    }

    [Fact]
    public void Append_without_stops_passes_text_through()
    {
        var filter = new StopSequenceFilter([]);
        Assert.Equal("abc", filter.Append("abc"));
        Assert.Equal("", filter.Flush());
    }
}
