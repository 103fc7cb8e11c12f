namespace FeedEngine.Web.Tests;
