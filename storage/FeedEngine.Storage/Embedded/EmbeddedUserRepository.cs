using FeedEngine.Storage.Users;
using LiteDB;

namespace FeedEngine.Storage.Embedded;

sealed class EmbeddedUserRepository : IUserRepository
{
    readonly EmbeddedDatabase database;
    readonly ILiteCollection<UserDocument> users;

    public EmbeddedUserRepository(EmbeddedDatabase database)
    {
        this.database = database;
        users = database.Collection<UserDocument>("users");
        users.EnsureIndex(u => u.LoginKey, unique: true);
    }

    public Task<WriteOutcome> InsertAsync(UserDocument user, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.InsertVersioned(users, user));

    public Task<UserDocument?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult<UserDocument?>(users.FindById(id));

    public Task<UserDocument?> FindByLoginKeyAsync(string loginKey, CancellationToken cancellationToken = default) =>
        Task.FromResult<UserDocument?>(users.FindOne(u => u.LoginKey == loginKey));

    public Task<WriteOutcome> UpdateAsync(UserDocument user, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.ReplaceVersioned(users, user));

    public Task<long> CountAsync(CancellationToken cancellationToken = default) => Task.FromResult(users.LongCount());
}
