namespace FeedEngine.Storage.Posts;

/// <summary>Which posts a viewer may see, by the birth year on their account.</summary>
public static class AgeRatings
{
    /// <summary>Mature for viewers known to be 18 or older, teen from 13, everyone-rated posts for the rest (guests, no birth year).</summary>
    public static AgeRating MaxFor(int? birthYear, DateTimeOffset now)
    {
        if (birthYear is not { } year) return AgeRating.Everyone;
        // Without a birth date, assume the birthday has not come yet this year.
        var age = now.Year - year - 1;
        return age >= 18 ? AgeRating.Mature : age >= 13 ? AgeRating.Teen : AgeRating.Everyone;
    }
}
