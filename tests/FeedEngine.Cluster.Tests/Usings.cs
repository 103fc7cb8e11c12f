global using FeedEngine.Engine.Abstractions.Sessions;
