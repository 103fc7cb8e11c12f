using FeedEngine.Safety.PersonalData;

namespace FeedEngine.Safety.Tests.PersonalData;

public sealed class PersonalDataRedactorTests
{
    [Theory]
    [InlineData("mail me at jane.doe+feeds@example.co.uk today", "mail me at [e-mail removed] today")]
    [InlineData("JOHN_SMITH@Example.COM.", "[e-mail removed].")]
    [InlineData("call +1 415 555 0100 now", "call [phone number removed] now")]
    [InlineData("call (415) 555-0100", "call [phone number removed]")]
    [InlineData("ring 0171 234 5678 please", "ring [phone number removed] please")]
    [InlineData("my number is 4155550100", "my number is [phone number removed]")]
    [InlineData("+44 20 7946 0958", "[phone number removed]")]
    [InlineData("card 4111 1111 1111 1111 exp", "card [card number removed] exp")]
    [InlineData("card 4111-1111-1111-1111", "card [card number removed]")]
    [InlineData("5500005555555559", "[card number removed]")]
    [InlineData("378282246310005 is amex", "[card number removed] is amex")]
    public void Redact_personalData_isReplaced(string input, string expected)
    {
        var (text, found) = PersonalDataRedactor.Redact(input);

        Assert.Equal(expected, text);
        Assert.NotEmpty(found);
    }

    [Theory]
    [InlineData("In 1999 and 2005 the ship sailed 3 times.")]
    [InlineData("It costs 12.99 or 1,299.00 dollars.")]
    [InlineData("Pi is 3.14159265358 roughly.")]
    [InlineData("Meet at 10:30 on 2024-05-01.")]
    [InlineData("Room 42, floor 7, code 1234.")]
    [InlineData("The number 4111 1111 1111 1112 fails Luhn.")]
    [InlineData("An @ sign alone, or user@localhost, is not an address.")]
    [InlineData("Chapter 12 verse 3 and 45 more.")]
    public void Redact_ordinaryText_isUnchanged(string input)
    {
        var (text, found) = PersonalDataRedactor.Redact(input);

        Assert.Equal(input, text);
        Assert.Empty(found);
    }

    [Fact]
    public void Redact_textWithoutAnAtSignOrADigit_comesBackAsItIs()
    {
        const string plain = "Arr, the tide turns at dawn, matey: no numbers here.";

        var (text, found) = PersonalDataRedactor.Redact(plain);

        Assert.Same(plain, text);
        Assert.Empty(found);
        // One '@' or one digit is enough to be looked at in full.
        Assert.Equal("[e-mail removed]", PersonalDataRedactor.Redact("jane@example.com").Text);
        Assert.Equal("[phone number removed]", PersonalDataRedactor.Redact("4155550100").Text);
    }

    [Fact]
    public void Redact_reportsEachKindOnce()
    {
        var (_, found) = PersonalDataRedactor.Redact("a@b.io c@d.io 415-555-0100 4111111111111111");

        Assert.Equal([PersonalDataRedactor.Email, PersonalDataRedactor.Phone, PersonalDataRedactor.Card], found);
    }

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398713", true)]
    [InlineData("0", true)]
    public void PassesLuhn_checksTheChecksum(string digits, bool expected) => Assert.Equal(expected, PersonalDataRedactor.PassesLuhn(digits));
}
