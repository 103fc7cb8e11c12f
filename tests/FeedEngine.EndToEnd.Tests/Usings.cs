namespace FeedEngine.EndToEnd.Tests;
