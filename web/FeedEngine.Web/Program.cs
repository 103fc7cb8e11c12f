using FeedEngine.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddStorage();
var app = builder.Build();
app.Run();
