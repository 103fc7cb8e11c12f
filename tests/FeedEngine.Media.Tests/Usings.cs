global using FeedEngine.Media.Uploads;
global using Xunit.Abstractions;
