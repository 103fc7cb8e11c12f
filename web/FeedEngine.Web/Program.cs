using FeedEngine.Inference;
using FeedEngine.Storage;

var builder = WebApplication.CreateBuilder(args);
builder.AddStorage();
builder.AddInference();
var app = builder.Build();
app.Run();
