namespace FeedEngine.Storage.Users;

/// <summary>A person's account, or a guest's until claimed. Roles add up: a creator is also a viewer.</summary>
public sealed class UserDocument : IVersionedDocument
{
    public string Id { get; set; } = "";

    /// <summary>Unique: <c>email:{normalized e-mail}</c> for accounts, <c>guest:{id}</c> for guests.</summary>
    public string LoginKey { get; set; } = "";

    public string? Email { get; set; }
    public string DisplayName { get; set; } = "";
    public string? PasswordHash { get; set; }
    public int? BirthYear { get; set; }
    public List<string> Roles { get; set; } = [];
    public bool IsGuest { get; set; }

    /// <summary>Changes whenever credentials change; tokens and reset links carry it and die with it.</summary>
    public string SecurityStamp { get; set; } = "";

    /// <summary>A suspended account cannot sign in, and its tokens and cookies stop working.</summary>
    public bool IsSuspended { get; set; }

    public DateTime? SuspendedAt { get; set; }
    public string? SuspensionReason { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    public static string EmailLoginKey(string normalizedEmail) => "email:" + normalizedEmail;
    public static string GuestLoginKey(string id) => "guest:" + id;
}

/// <summary>The roles an account can hold. Admins come from configuration, never from sign-up.</summary>
public static class UserRoles
{
    public const string Viewer = "viewer";
    public const string Creator = "creator";
    public const string Advertiser = "advertiser";
    public const string Admin = "admin";
}

/// <summary>Authorization policy names every project uses on its endpoints and hub methods.</summary>
public static class Policies
{
    /// <summary>Anyone with a session: a signed-in account or a guest.</summary>
    public const string Viewer = "viewer";

    /// <summary>A signed-in account, not a guest.</summary>
    public const string Member = "member";

    public const string Creator = "creator";
    public const string Advertiser = "advertiser";
    public const string Admin = "admin";
}
