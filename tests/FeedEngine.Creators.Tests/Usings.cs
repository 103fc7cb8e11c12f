global using System.Text.Json.Nodes;
global using FeedEngine.Creators.Cards;
global using FeedEngine.Creators.Posts;
global using FeedEngine.Storage.Posts;
global using FeedEngine.TestSupport;
