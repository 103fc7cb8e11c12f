using FeedEngine.Inference;
using FeedEngine.Media;
using FeedEngine.Storage;
using FeedEngine.Web.Accounts;
using FeedEngine.Web.Components;
using FeedEngine.Web.Feed;
using FeedEngine.Web.Hosting;
using FeedEngine.Web.Seeding;

var builder = WebApplication.CreateBuilder(args);

builder.AddStorage();
builder.AddWebHost();
builder.AddSilo();
builder.AddAccounts();
builder.AddMedia();
builder.AddInference();
builder.AddFeed();
builder.AddDemoContent();

var app = builder.Build();

app.UseWebHost();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapWebHostEndpoints();
app.MapAccountEndpoints();
app.MapMediaEndpoints();
app.MapFeedEndpoints();
app.MapPages();

app.Run();

/// <summary>The entry point, visible to the tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
