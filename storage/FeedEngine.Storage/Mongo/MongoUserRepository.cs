using FeedEngine.Storage.Users;
using MongoDB.Driver;

namespace FeedEngine.Storage.Mongo;

sealed class MongoUserRepository(MongoStore store) : IUserRepository
{
    readonly IMongoCollection<UserDocument> users = store.Users;

    public Task<WriteOutcome> InsertAsync(UserDocument user, CancellationToken cancellationToken = default) =>
        store.InsertVersionedAsync(users, user, cancellationToken);

    public async Task<UserDocument?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        await users.Find(u => u.Id == id).FirstOrDefaultAsync(cancellationToken);

    public async Task<UserDocument?> FindByLoginKeyAsync(string loginKey, CancellationToken cancellationToken = default) =>
        await users.Find(u => u.LoginKey == loginKey).FirstOrDefaultAsync(cancellationToken);

    public Task<WriteOutcome> UpdateAsync(UserDocument user, CancellationToken cancellationToken = default) =>
        store.ReplaceVersionedAsync(users, user, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken = default) =>
        users.CountDocumentsAsync(FilterDefinition<UserDocument>.Empty, cancellationToken: cancellationToken);
}
