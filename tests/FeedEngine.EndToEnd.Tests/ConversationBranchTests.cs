using Microsoft.Playwright;

namespace FeedEngine.EndToEnd.Tests;

/// <summary>Regenerate, branches and sharing in the feed's conversation panel, through the real hub.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConversationBranchTests(BrowserApp browser)
{
    [Fact]
    public async Task Guest_regeneratesAReply_switchesBackToTheOriginal_andSharesTheConversation()
    {
        var page = await browser.NewPageAsync();
        var (_, talk) = await FeedScroll.OpenConversationAsync(page, "demo-lighthouse");
        await talk.GetByLabel("Your message").FillAsync("Climb the tower");
        await talk.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(talk.Locator("[data-key=location] dd")).ToHaveTextAsync("lighthouse");
        var replies = talk.Locator(".turn.post[data-seq]");
        await Assertions.Expect(replies.Last).ToHaveAttributeAsync("data-status", "complete");
        var firstSeq = await replies.Last.GetAttributeAsync("data-seq");

        // A new answer, with the keyboard: it streams in place on a new branch, and the switcher appears.
        await talk.GetByRole(AriaRole.Button, new() { Name = "Regenerate this reply" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(replies.Last).Not.ToHaveAttributeAsync("data-seq", firstSeq!);
        await Assertions.Expect(replies.Last).ToHaveAttributeAsync("data-status", "complete");
        await Assertions.Expect(replies.Last).ToContainTextAsync("You climb the spiral stairs.");
        await Assertions.Expect(replies).ToHaveCountAsync(1);
        var switcher = talk.GetByLabel("Branch");
        await Assertions.Expect(switcher.Locator("option")).ToHaveCountAsync(2);

        // Back to the original answer.
        await switcher.SelectOptionAsync("main");
        await Assertions.Expect(replies.Last).ToHaveAttributeAsync("data-seq", firstSeq!);

        // Share: the room link appears.
        await talk.GetByRole(AriaRole.Button, new() { Name = "Share" }).ClickAsync();
        await Assertions.Expect(talk.GetByLabel("Link to join this conversation")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"/\?room=[A-Z0-9]+$"));
        await talk.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsDirectory, "conversation-branches.png") });

        // A friend opens the link in another browser: the shared conversation opens above their feed, as it stands.
        var link = await talk.GetByLabel("Link to join this conversation").InputValueAsync();
        var friend = await browser.NewPageAsync();
        await friend.GotoAsync(link.Contains("://", StringComparison.Ordinal) ? new Uri(link).PathAndQuery : link);
        var shared = friend.GetByTestId("room").GetByTestId("conversation");
        await Assertions.Expect(shared.Locator(".turn.post[data-status=complete]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Assertions.Expect(shared.Locator(".turn.viewer")).ToContainTextAsync("Climb the tower");
        // The friend sees who wrote it (the owner, a guest), and none of the owner's controls.
        await Assertions.Expect(shared.Locator(".turn.viewer").First.GetByTestId("turn-author")).ToHaveTextAsync("Guest:");
        await Assertions.Expect(shared.GetByTestId("room-people")).ToContainTextAsync("Guest's room · 2 people");
        await Assertions.Expect(shared.GetByTestId("share")).ToHaveCountAsync(0);
        await Assertions.Expect(shared.GetByTestId("regenerate")).ToHaveCountAsync(0);
        await Assertions.Expect(shared.GetByTestId("branch-from")).ToHaveCountAsync(0);
        await Assertions.Expect(shared.GetByTestId("branch-switcher")).ToHaveCountAsync(0);

        // The owner talks on; the friend sees the message and the reply arrive without doing anything.
        await talk.GetByLabel("Your message").FillAsync("Light the lamp");
        await talk.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(talk.Locator(".turn.post[data-status=complete]")).ToHaveCountAsync(2);
        await Assertions.Expect(shared.Locator(".turn.viewer").Last).ToContainTextAsync("Light the lamp");
        await Assertions.Expect(shared.Locator(".turn.post[data-status=complete]")).ToHaveCountAsync(2);
        await Assertions.Expect(shared.Locator(".turn.viewer").Last.GetByTestId("turn-author")).ToHaveTextAsync("Guest:");

        // The friend talks too: unlabelled on their side; the owner sees the other guest told apart, and may remove them.
        await shared.GetByLabel("Your message").FillAsync("Hold the rope");
        await shared.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(shared.Locator(".turn.post[data-status=complete]")).ToHaveCountAsync(3);
        await Assertions.Expect(shared.Locator(".turn.viewer").Last).ToContainTextAsync("Hold the rope");
        await Assertions.Expect(shared.Locator(".turn.viewer").Last.GetByTestId("turn-author")).ToHaveCountAsync(0);
        var fromFriend = talk.Locator(".turn.viewer", new() { HasText = "Hold the rope" });
        await Assertions.Expect(fromFriend.GetByTestId("turn-author")).ToHaveTextAsync("Guest 2:");
        await Assertions.Expect(talk.Locator(".turn.viewer", new() { HasText = "Light the lamp" }).GetByTestId("turn-author")).ToHaveCountAsync(0);
        await Assertions.Expect(talk.GetByRole(AriaRole.Button, new() { Name = "Remove Guest 2 from the room" })).ToBeVisibleAsync();
        await Assertions.Expect(talk.GetByTestId("close-room")).ToBeVisibleAsync();
        await talk.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsDirectory, "conversation-room-owner.png") });
        await shared.ScrollIntoViewIfNeededAsync();
        await friend.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ArtifactsDirectory, "conversation-room-friend.png") });

        // The owner removes the friend: the friend is told, and the owner's list no longer has them.
        await talk.GetByRole(AriaRole.Button, new() { Name = "Remove Guest 2 from the room" }).ClickAsync();
        await Assertions.Expect(talk.GetByTestId("room-people")).ToContainTextAsync("Guest 2 left the room");
        await Assertions.Expect(talk.GetByTestId("remove-participant")).ToHaveCountAsync(0);
        await Assertions.Expect(shared.GetByRole(AriaRole.Alert)).ToContainTextAsync("no longer in this room");
    }
}
