namespace FeedEngine.Inference.Embeddings;

/// <summary>A bounded least-recently-used map from text to its embedding.</summary>
internal sealed class EmbeddingCache(int capacity)
{
    readonly Lock gate = new();
    readonly Dictionary<string, LinkedListNode<(string Text, float[] Vector)>> index = new(StringComparer.Ordinal);
    readonly LinkedList<(string Text, float[] Vector)> recency = new();

    public int Count
    {
        get { lock (gate) return index.Count; }
    }

    public bool TryGet(string text, out float[] vector)
    {
        lock (gate)
        {
            if (index.TryGetValue(text, out var node))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                vector = node.Value.Vector;
                return true;
            }
        }
        vector = [];
        return false;
    }

    public void Add(string text, float[] vector)
    {
        if (capacity <= 0)
            return;
        lock (gate)
        {
            if (index.TryGetValue(text, out var existing))
            {
                recency.Remove(existing);
                index.Remove(text);
            }
            index[text] = recency.AddFirst((text, vector));
            while (index.Count > capacity)
            {
                var oldest = recency.Last!;
                recency.RemoveLast();
                index.Remove(oldest.Value.Text);
            }
        }
    }
}
