using System.Globalization;
using System.Text.RegularExpressions;

namespace FeedEngine.Ads.Campaigns;

public static partial class CampaignValidation
{
    /// <summary>Errors by field, several per field when several rules fail.</summary>
    sealed class Errors
    {
        readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

        public int Count => byField.Count;

        public void Add(string field, string message)
        {
            if (!byField.TryGetValue(field, out var messages)) byField[field] = messages = [];
            if (!messages.Contains(message)) messages.Add(message);
        }

        public Dictionary<string, string[]> ToDictionary() => byField.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>An amount as people read it: <c>1,250.00 USD</c>.</summary>
    public static string Money(decimal amount, string currency, int decimals) =>
        amount.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + currency;

    static string Money(decimal amount, CampaignRules rules) => Money(amount, rules.Currency, rules.CurrencyDecimals);

    static string? Text(Errors errors, string field, string? value, string what, int maxLength, bool multiline = false)
    {
        if (PlainText.Error(value, what, maxLength, required: true, multiline) is { } error)
        {
            errors.Add(field, error);
            return null;
        }
        return PlainText.Clean(value);
    }

    static decimal? Amount(Errors errors, string field, decimal? value, string what, CampaignRules rules)
    {
        var name = PlainText.Capitalize(what);
        if (value is not { } amount)
            errors.Add(field, $"Enter {what} in {rules.Currency}.");
        else if (amount <= 0)
            errors.Add(field, $"{name} must be more than zero.");
        else if (amount > rules.MaxAmount)
            errors.Add(field, $"{name} can be at most {Money(rules.MaxAmount, rules)}.");
        else if (decimal.Round(amount, rules.CurrencyDecimals) != amount)
            errors.Add(field, rules.CurrencyDecimals == 0
                ? $"{name} must be a whole number of {rules.Currency}."
                : $"{name} can have at most {rules.CurrencyDecimals} decimal places in {rules.Currency} (e.g. {Money(12.5m, rules)}).");
        else
            return amount;
        return null;
    }

    /// <summary>An absolute http(s) address with a host and no user name or password.</summary>
    static string? Url(Errors errors, string field, string? value, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) errors.Add(field, "Enter the landing page address, starting with https:// or http://.");
            return null;
        }
        string? error = null;
        if (text.Length > CampaignLimits.Url)
            error = $"A landing URL can have at most {CampaignLimits.Url} characters; this one has {text.Length}.";
        else if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || text.AsSpan().IndexOfAny('<', '>', '"') >= 0)
            error = "A landing URL cannot contain spaces, quotes, < or >. Copy the address from the browser's address bar.";
        else if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            error = "The landing URL must be a web address starting with https:// or http:// (javascript:, data: and other links are not allowed).";
        else if (string.IsNullOrEmpty(uri.Host))
            error = "The landing URL needs a host name, e.g. https://www.example.com/offer.";
        else if (!string.IsNullOrEmpty(uri.UserInfo))
            error = "Remove the user name or password from the landing URL.";
        if (error is null) return text;
        errors.Add(field, error);
        return null;
    }

    /// <summary>Trimmed, de-duplicated (ignoring case), blank items dropped; each item checked as plain text.</summary>
    static List<string> List(Errors errors, string field, List<string?>? values, string what, int maxItems, int maxLength)
    {
        var items = new List<string>();
        foreach (var raw in values ?? [])
        {
            var item = PlainText.Clean(raw);
            if (item.Length == 0) continue;
            if (item.Length > maxLength)
                errors.Add(field, $"The {what} {PlainText.Quote(item)} has {item.Length} characters; each can have at most {maxLength}.");
            else if (PlainText.ContentError(item, $"the {what} {PlainText.Quote(item)}") is { } error)
                errors.Add(field, error);
            else if (!items.Contains(item, StringComparer.OrdinalIgnoreCase))
                items.Add(item);
        }
        if (items.Count > maxItems) errors.Add(field, $"Give at most {maxItems} of them; there are {items.Count}.");
        return items;
    }

    static List<string> Locales(Errors errors, string field, List<string?>? values)
    {
        var locales = new List<string>();
        foreach (var raw in values ?? [])
        {
            var locale = raw?.Trim() ?? "";
            if (locale.Length == 0) continue;
            if (locale.Length > 35 || !LocaleTag().IsMatch(locale))
                errors.Add(field, $"{PlainText.Quote(locale)} is not a language tag. Use tags such as en, en-US or pt-BR.");
            else if (!locales.Contains(locale, StringComparer.OrdinalIgnoreCase))
                locales.Add(locale);
        }
        if (locales.Count > CampaignLimits.Locales) errors.Add(field, $"Give at most {CampaignLimits.Locales} locales; there are {locales.Count}.");
        return locales;
    }

    /// <summary>Enum names in camelCase (or any case); numbers are refused so the API stays readable.</summary>
    static List<T> Enums<T>(Errors errors, string field, List<string?>? values, string what, string allowed) where T : struct, Enum
    {
        var parsed = new List<T>();
        foreach (var raw in values ?? [])
        {
            var text = raw?.Trim() ?? "";
            if (text.Length == 0) continue;
            if (text.Length > 40 || !text.All(char.IsAsciiLetter) || !Enum.TryParse<T>(text, ignoreCase: true, out var value) || !Enum.IsDefined(value))
                errors.Add(field, $"{PlainText.Quote(text)} is not a {what}. Choose {allowed}.");
            else if (!parsed.Contains(value))
                parsed.Add(value);
        }
        return parsed;
    }

    static List<string> Categories(Errors errors, string field, List<string?>? values)
    {
        var categories = new List<string>();
        foreach (var raw in values ?? [])
        {
            var text = raw?.Trim() ?? "";
            if (text.Length == 0) continue;
            if (BrandSafety.Find(text) is { } id)
            {
                if (!categories.Contains(id)) categories.Add(id);
            }
            else
            {
                errors.Add(field, $"{PlainText.Quote(text)} is not a moderation category. Choose from {string.Join(", ", BrandSafety.Categories.Select(c => c.Id))}.");
            }
        }
        return categories;
    }

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LocaleTag();
}
