Console.WriteLine("FeedEngine benchmarks: see bench/README.md");
