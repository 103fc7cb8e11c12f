namespace FeedEngine.Safety.Moderation;

/// <summary>The Llama Guard 3 hazard taxonomy (MLCommons), S1 to S14, as the model is prompted with it.</summary>
public static class HazardCategories
{
    public static IReadOnlyList<(string Code, string Name)> All { get; } =
    [
        ("S1", "Violent Crimes"),
        ("S2", "Non-Violent Crimes"),
        ("S3", "Sex-Related Crimes"),
        ("S4", "Child Sexual Exploitation"),
        ("S5", "Defamation"),
        ("S6", "Specialized Advice"),
        ("S7", "Privacy"),
        ("S8", "Intellectual Property"),
        ("S9", "Indiscriminate Weapons"),
        ("S10", "Hate"),
        ("S11", "Suicide & Self-Harm"),
        ("S12", "Sexual Content"),
        ("S13", "Elections"),
        ("S14", "Code Interpreter Abuse"),
    ];

    public static bool IsKnown(string code) => All.Any(c => c.Code == code);

    public static string NameOf(string code) => All.FirstOrDefault(c => c.Code == code).Name ?? code;
}
