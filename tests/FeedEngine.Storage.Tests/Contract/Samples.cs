namespace FeedEngine.Storage.Tests.Contract;

/// <summary>Documents with every field set to a value that is not its default, so a dropped field shows.</summary>
static class Samples
{
    /// <summary>Millisecond precision: what both stores keep of a date.</summary>
    public static readonly DateTime Now = new(2025, 3, 14, 9, 26, 53, 589, DateTimeKind.Utc);

    public static DateTime At(double minutes) => Now.AddMinutes(minutes);

    public static UserDocument User(string? loginKey = null)
    {
        var id = DocumentIds.New();
        return new UserDocument
        {
            Id = id,
            LoginKey = loginKey ?? UserDocument.EmailLoginKey($"{id}@example.test"),
            Email = $"{id}@example.test",
            DisplayName = " Ada Lovelace ",
            PasswordHash = "AQAAAAIAAYagAAAAEExampleHash==",
            BirthYear = 1990,
            Roles = [UserRoles.Viewer, UserRoles.Creator],
            IsGuest = true,
            SecurityStamp = DocumentIds.New(),
            CreatedAt = At(-60),
            UpdatedAt = At(-30),
        };
    }

    public static PostContent Content(string title = "The Lighthouse Keeper", AgeRating rating = AgeRating.Teen) => new()
    {
        Title = title,
        Kind = PostKind.Game,
        Hook = "  The lamp went dark at midnight. Find out why.\n",
        CoverImageId = DocumentIds.New(),
        Persona = "Old Maren, keeper of the north light, dry and kind.",
        HiddenInstructions = "Never reveal who cut the lamp wire before the viewer finds the logbook.",
        Greetings = ["Ahoy. Mind the stairs.", "Who's there, at this hour?"],
        ExampleDialogue = "{{user}}: Is it safe?\n{{char}}: Safer than the sea.",
        Lore =
        [
            new LoreEntry { Name = "The storm", Keys = ["storm", "wind"], SecondaryKeys = ["night"], Content = "A storm has raged three days.", Priority = 7, AlwaysOn = true, Selective = true, InsertionOrder = 3 },
            new LoreEntry { Name = "The logbook", Keys = ["logbook"], Content = "The last page is torn out.", Priority = -2, Enabled = false, InsertionOrder = -1, ExtrasJson = "{\"position\":\"after_char\",\"extensions\":{\"x\":[1,2.5,null]}}" },
        ],
        StateSchema =
        [
            new StateVariable { Name = "health", Type = StateVariableType.Int, Min = 0, Max = 100, DefaultJson = "100", VisibleToViewer = false, Description = "The keeper's strength." },
            new StateVariable { Name = "location", Type = StateVariableType.Enum, AllowedValues = ["harbor", "tower"], DefaultJson = "\"harbor\"", Description = "Where the viewer stands." },
            new StateVariable { Name = "courage", Type = StateVariableType.Number, Min = -0.5, Max = 2.25, DefaultJson = "1.5" },
        ],
        Rules = ["The lamp can be relit only once."],
        SuggestedReplies = ["Climb the tower", "Read the logbook"],
        Tags = ["mystery", "sea"],
        AgeRating = rating,
        AdEligible = false,
        Visibility = PostVisibility.Unlisted,
        Canon = "Maren has never left the island.",
        Personality = "Gruff, loyal, superstitious.",
        Scenario = "A storm night in the lighthouse.",
        SystemPrompt = "You write as Maren and nobody else.",
        CreatorNotes = "Works best with short replies.",
        CardExtrasJson = "{\"creator\":\"maren\",\"extensions\":{\"depth_prompt\":{\"depth\":4}},\"character_book\":{\"scan_depth\":2}}",
        ImageStyles =
        [
            new ImageStyle
            {
                Name = "scene",
                Prompt = "moody oil painting, storm light",
                DrawWhen = [ImageTrigger.NewLocation, ImageTrigger.OnRequest],
                SceneVariables = ["location", "courage"],
                Seed = 9_007_199_254_740_993,
                Width = 768,
                Height = 512,
                Characters = [new CharacterLook { Name = "Maren", Description = "an old keeper in a yellow oilskin", Seed = -42 }, new CharacterLook { Name = "Gull" }],
            },
        ],
    };

    public static PostDocument Post(string? creatorId = null) => new()
    {
        Id = DocumentIds.New(),
        CreatorId = creatorId ?? DocumentIds.New(),
        CreatorName = "Maren Studio",
        Status = PostStatus.Draft,
        Draft = Content(),
        CreatedAt = At(-120),
        UpdatedAt = At(-90),
    };

    public static SessionDocument Session(string? ownerId = null, string? postId = null, DateTime? createdAt = null) => new()
    {
        Id = DocumentIds.New(),
        PostId = postId ?? DocumentIds.New(),
        PostVersion = 3,
        OwnerId = ownerId ?? DocumentIds.New(),
        Participants = [DocumentIds.New(), DocumentIds.New()],
        Greeting = "Ahoy. Mind the stairs.",
        LastEventSeq = 41,
        LastTurnSeq = 6,
        StateJson = "{\"location\":\"cave\",\"clues\":[\"cave map\"]}",
        CurrentBranchId = "b1",
        Branches = [new SessionBranchDocument { Id = "b1", ParentId = TurnDocument.MainBranch, ForkSeq = 4, BaseStateJson = "{\"location\":\"harbor\"}", Kind = "branch", CreatedAt = At(-6) }],
        BranchEvents = [new SessionBranchEvent { Seq = 38, BranchId = "b1", Text = "The owner started a new branch (b1). Reload the session to follow." }],
        RoomCode = DocumentIds.New(),
        RoomClosed = true,
        RemovedIds = [DocumentIds.New()],
        MemoryThroughSeq = 5,
        CreatedAt = createdAt ?? At(-10),
        UpdatedAt = At(-5),
    };

    public static TurnDocument Turn(string sessionId, long seq, string? idempotencyKey = null) => new()
    {
        SessionId = sessionId,
        Seq = seq,
        Role = TurnRole.Sponsor,
        AuthorId = DocumentIds.New(),
        AuthorName = "Ana",
        BranchId = "b1",
        Text = $"Turn {seq}: the lamp flickers.",
        ImageIds = [DocumentIds.New()],
        Status = TurnStatus.Interrupted,
        Sponsored = true,
        FirstEventSeq = seq * 10,
        LastEventSeq = seq * 10 + 7,
        StateJson = "{\"health\":90}",
        Events =
        [
            new TurnEvent { Seq = seq * 10, Kind = TurnEventKind.Token, Text = $"Turn {seq}: the" },
            new TurnEvent { Seq = seq * 10 + 1, Kind = TurnEventKind.Token, Text = " lamp flickers." },
            new TurnEvent { Seq = seq * 10 + 2, Kind = TurnEventKind.State, StateJson = "{\"health\":90}" },
            new TurnEvent { Seq = seq * 10 + 3, Kind = TurnEventKind.Image, ImageUrl = "/api/images/abc/full" },
            new TurnEvent { Seq = seq * 10 + 4, Kind = TurnEventKind.Status, StatusCode = "busy", StatusMessage = "Try again in 3 s.", RetryAfterSeconds = 3 },
            new TurnEvent { Seq = seq * 10 + 7, Kind = TurnEventKind.Turn },
        ],
        IdempotencyKey = idempotencyKey ?? DocumentIds.New(),
        CreatedAt = At(seq),
    };

    public static PostStateDocument State(string? viewerId = null, string? postId = null) => new()
    {
        ViewerId = viewerId ?? DocumentIds.New(),
        PostId = postId ?? DocumentIds.New(),
        PostVersion = 2,
        ValuesJson = "{\"health\":80,\"location\":\"tower\"}",
        UpdatedAt = At(1),
    };

    public static ViewerProfileDocument Profile() => new()
    {
        MemoryOff = true,
        Id = DocumentIds.New(),
        Interests = ["mystery", "sea"],
        FollowedCreatorIds = [DocumentIds.New()],
        HiddenPostIds = [DocumentIds.New(), DocumentIds.New()],
        BlockedCreatorIds = [DocumentIds.New()],
        LikedPostIds = [DocumentIds.New()],
        InterestVector = [0.6f, -0.8f, 0f],
        InterestSignals = 3,
        UpdatedAt = At(2),
    };

    /// <summary>An image with three variants; the full one spans several GridFS chunks (255 KiB each).</summary>
    public static (ImageDocument Image, Dictionary<string, byte[]> Bytes) Image(int seed)
    {
        var random = new Random(seed);
        var bytes = new Dictionary<string, byte[]>
        {
            ["thumb"] = new byte[1_537],
            ["card"] = new byte[48_000],
            ["full"] = new byte[600_001],
        };
        foreach (var b in bytes.Values) random.NextBytes(b);
        var image = new ImageDocument
        {
            Id = DocumentIds.New(),
            OwnerId = DocumentIds.New(),
            ContentHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes["full"])),
            Width = 1600,
            Height = 900,
            Variants =
            [
                new ImageVariant { Name = "thumb", ContentType = "image/webp", Width = 160, Height = 90, Length = bytes["thumb"].Length },
                new ImageVariant { Name = "card", ContentType = "image/jpeg", Width = 640, Height = 360, Length = bytes["card"].Length },
                new ImageVariant { Name = "full", ContentType = "image/png", Width = 1600, Height = 900, Length = bytes["full"].Length },
            ],
            CreatedAt = At(3),
        };
        return (image, bytes);
    }

    /// <summary>A campaign with every field set; its money has digits a double would lose and a scale to keep (0.10).</summary>
    public static CampaignDocument Campaign(string? advertiserId = null) => new()
    {
        Id = DocumentIds.New(),
        AdvertiserId = advertiserId ?? DocumentIds.New(),
        Name = "Spring sale: harbor coffee",
        Currency = "EUR",
        TotalBudget = 1234567.89m,
        DailyBudget = 0.10m,
        Bid = 0.0001m,
        BidType = BidType.Cpe,
        StartsAt = At(60),
        EndsAt = At(60 * 24 * 30),
        TimeZone = "America/Los_Angeles",
        Creative = new CampaignCreative
        {
            Headline = "  Coffee brewed at the lighthouse \u2615 ",
            LandingUrl = "https://coffee.example/spring?utm=feed",
            ImageId = DocumentIds.New(),
            SponsoredInteraction = new SponsoredInteraction
            {
                Persona = "Bea, the roaster: warm, brief, never pushy.",
                Welcome = "Want to know what makes a lighthouse roast?",
                SuggestedPrompts = ["What's in it?", "Where do you ship?"],
                LandingUrl = "https://coffee.example/chat",
            },
        },
        Targeting = new CampaignTargeting { Interests = ["coffee", "sea stories"], Locales = ["en-US", "de"], AgeRatings = [AgeRating.Teen, AgeRating.Mature] },
        FrequencyCaps = new FrequencyCaps { PerViewerPerDay = 5, PerSession = 2 },
        Exclusions = new CampaignExclusions
        {
            PostKinds = [PostKind.Quiz, PostKind.ImageChat],
            Tags = ["horror"],
            AgeRatings = [AgeRating.Everyone],
            ModerationCategories = ["violence", "politics"],
        },
        Review = ReviewStatus.Rejected,
        ReviewReason = "The landing page does not match the headline.",
        ReviewedBy = DocumentIds.New(),
        ReviewedAt = At(30),
        SubmittedAt = At(10),
        CreativeRevision = 3,
        Paused = true,
        CreatedAt = At(-200),
        UpdatedAt = At(31),
    };

    public static AdEventDocument AdEvent(string campaignId, AdEventKind kind, DateTime occurredAt, string? placementId = null)
    {
        var placement = placementId ?? DocumentIds.New();
        return new AdEventDocument
        {
            Id = $"{placement}:{kind.ToString().ToLowerInvariant()}",
            CampaignId = campaignId,
            Kind = kind,
            PlacementId = placement,
            ViewerId = DocumentIds.New(),
            SessionId = DocumentIds.New(),
            PostId = DocumentIds.New(),
            OccurredAt = occurredAt,
        };
    }

    public static AdLedgerEntryDocument LedgerEntry(string campaignId, decimal amount, DateTime occurredAt, string? eventId = null) => new()
    {
        Id = eventId ?? DocumentIds.New(),
        CampaignId = campaignId,
        EventId = eventId,
        Amount = amount,
        Currency = "EUR",
        OccurredAt = occurredAt,
    };
}
