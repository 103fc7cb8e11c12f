using FeedEngine.Engine;
using FeedEngine.Inference;
using FeedEngine.Ads;
using FeedEngine.Creators;
using FeedEngine.Media;
using FeedEngine.Safety;
using FeedEngine.Storage;
using FeedEngine.Web.Accounts;
using FeedEngine.Web.Ads;
using FeedEngine.Web.Components;
using FeedEngine.Web.Feed;
using FeedEngine.Web.Hosting;
using FeedEngine.Web.Memory;
using FeedEngine.Web.Safety;
using FeedEngine.Web.Seeding;
using FeedEngine.Web.Sessions;

var builder = WebApplication.CreateBuilder(args);

builder.AddStorage();
builder.AddWebHost();
builder.AddSilo();
builder.AddAccounts();
builder.AddMedia();
builder.AddInference();
builder.AddSafety();
builder.AddGuardModel();
builder.AddFeed();
builder.AddEngine();
builder.AddFeedHub();
builder.AddAds();
builder.AddAdRankingSchedule();
builder.AddCreators();
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
app.MapFeedHub();
app.MapMemoryEndpoints();
app.MapAdsEndpoints();
app.MapAdRankingDashboard();
app.MapSafetyEndpoints();
app.MapCreatorEndpoints();
app.MapPages();

app.Run();

/// <summary>The entry point, visible to the tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;
