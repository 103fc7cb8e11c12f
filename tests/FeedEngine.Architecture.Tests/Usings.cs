namespace FeedEngine.Architecture.Tests;
