using FeedEngine.Storage;
using FeedEngine.Storage.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace FeedEngine.Cluster.Tests;

/// <summary>A switch that makes a store fail: for a whole outage, or for one silo whose process "died".</summary>
public sealed class StoreFault
{
    int failuresLeft;
    int answersToLose;
    public volatile bool Dead;
    public int Failures;
    public int TurnWrites;

    /// <summary>The next <paramref name="count"/> calls fail, as during an outage that the retries ride out.</summary>
    public void FailNext(int count) => Volatile.Write(ref failuresLeft, count);

    /// <summary>The next <paramref name="count"/> turn writes land, but their answer is lost (the call fails after the write).</summary>
    public void LoseNextAnswers(int count) => Volatile.Write(ref answersToLose, count);

    public bool LosesThisAnswer()
    {
        if (Interlocked.Decrement(ref answersToLose) < 0) return false;
        Interlocked.Increment(ref Failures);
        return true;
    }

    public void Check()
    {
        if (Dead) throw new IOException("This silo's process is gone.");
        if (Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            Interlocked.Increment(ref Failures);
            throw new IOException("The store is unavailable (injected fault).");
        }
    }

    /// <summary>Wraps the registered session and turn repositories with fault checks.</summary>
    public void Wrap(IServiceCollection services)
    {
        var sessions = services.Last(d => d.ServiceType == typeof(ISessionRepository));
        var turns = services.Last(d => d.ServiceType == typeof(ITurnRepository));
        services.AddSingleton<ISessionRepository>(sp => new FaultySessions((ISessionRepository)Resolve(sessions, sp), this));
        services.AddSingleton<ITurnRepository>(sp => new FaultyTurns((ITurnRepository)Resolve(turns, sp), this));
    }

    static object Resolve(ServiceDescriptor descriptor, IServiceProvider services) =>
        descriptor.ImplementationInstance ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    sealed class FaultySessions(ISessionRepository inner, StoreFault fault) : ISessionRepository
    {
        public Task<WriteOutcome> InsertAsync(SessionDocument session, CancellationToken cancellationToken = default) { fault.Check(); return inner.InsertAsync(session, cancellationToken); }
        public Task<SessionDocument?> FindAsync(string sessionId, CancellationToken cancellationToken = default) { fault.Check(); return inner.FindAsync(sessionId, cancellationToken); }
        public Task<WriteOutcome> UpdateAsync(SessionDocument session, CancellationToken cancellationToken = default) { fault.Check(); return inner.UpdateAsync(session, cancellationToken); }
        public Task<IReadOnlyList<SessionDocument>> ListByOwnerAsync(string ownerId, string? postId = null, int limit = 50, CancellationToken cancellationToken = default) { fault.Check(); return inner.ListByOwnerAsync(ownerId, postId, limit, cancellationToken); }
        public Task<SessionDocument?> FindByRoomCodeAsync(string roomCode, CancellationToken cancellationToken = default) { fault.Check(); return inner.FindByRoomCodeAsync(roomCode, cancellationToken); }
    }

    sealed class FaultyTurns(ITurnRepository inner, StoreFault fault) : ITurnRepository
    {
        public async Task<WriteOutcome> AppendAsync(TurnDocument turn, CancellationToken cancellationToken = default)
        {
            fault.Check();
            Interlocked.Increment(ref fault.TurnWrites);
            var outcome = await inner.AppendAsync(turn, cancellationToken);
            if (fault.LosesThisAnswer()) throw new IOException("The connection dropped before the store answered (injected fault; the write landed).");
            return outcome;
        }

        public Task<WriteOutcome> ReplaceEventsAsync(TurnDocument turn, CancellationToken cancellationToken = default) { fault.Check(); return inner.ReplaceEventsAsync(turn, cancellationToken); }

        public Task<IReadOnlyList<TurnDocument>> ListAsync(string sessionId, long afterSeq = 0, int limit = 500, CancellationToken cancellationToken = default) { fault.Check(); return inner.ListAsync(sessionId, afterSeq, limit, cancellationToken); }
        public Task<IReadOnlyList<TurnDocument>> ListFromEventAsync(string sessionId, long afterEventSeq, int limit = 100, CancellationToken cancellationToken = default) { fault.Check(); return inner.ListFromEventAsync(sessionId, afterEventSeq, limit, cancellationToken); }
        public Task<TurnDocument?> FindByIdempotencyKeyAsync(string idempotencyKey, CancellationToken cancellationToken = default) { fault.Check(); return inner.FindByIdempotencyKeyAsync(idempotencyKey, cancellationToken); }
        public Task<IReadOnlyList<TurnDocument>> ListBranchAsync(string sessionId, string branchId, long throughSeq, int limit, CancellationToken cancellationToken = default) { fault.Check(); return inner.ListBranchAsync(sessionId, branchId, throughSeq, limit, cancellationToken); }
    }
}
