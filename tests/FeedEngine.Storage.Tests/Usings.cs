namespace FeedEngine.Storage.Tests;
