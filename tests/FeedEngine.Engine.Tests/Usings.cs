global using System.Text.Json.Nodes;
global using FeedEngine.Engine.Abstractions.Sessions;
global using FeedEngine.Engine.Posts;
global using FeedEngine.Engine.State;
