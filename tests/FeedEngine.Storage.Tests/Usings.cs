global using FeedEngine.Storage.Campaigns;
global using FeedEngine.Storage.Images;
global using FeedEngine.Storage.Posts;
global using FeedEngine.Storage.Sessions;
global using FeedEngine.Storage.State;
global using FeedEngine.Storage.Users;
global using FeedEngine.Storage.Viewers;
global using FeedEngine.Storage.Safety;
