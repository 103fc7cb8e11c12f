global using FeedEngine.Ads.Campaigns;
global using FeedEngine.Storage.Campaigns;
global using FeedEngine.Storage.Posts;
