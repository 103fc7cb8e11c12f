namespace FeedEngine.Storage.Users;

public interface IUserRepository
{
    /// <summary>Inserts a new user; <see cref="WriteOutcome.Duplicate"/> when the id or login key exists.</summary>
    Task<WriteOutcome> InsertAsync(UserDocument user, CancellationToken cancellationToken = default);

    Task<UserDocument?> FindAsync(string id, CancellationToken cancellationToken = default);

    Task<UserDocument?> FindByLoginKeyAsync(string loginKey, CancellationToken cancellationToken = default);

    /// <summary>Replaces the user when its stored version equals <c>user.Version</c>; a changed login key may be a duplicate.</summary>
    Task<WriteOutcome> UpdateAsync(UserDocument user, CancellationToken cancellationToken = default);

    Task<long> CountAsync(CancellationToken cancellationToken = default);
}
