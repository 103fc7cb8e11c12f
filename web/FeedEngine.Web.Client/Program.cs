using FeedEngine.Web.Client;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.Services.AddFeedClient(new Uri(builder.HostEnvironment.BaseAddress));
await builder.Build().RunAsync();
