using FeedEngine.Inference.ImageGeneration;

namespace FeedEngine.ImageGeneration.Tests.Onnx;

/// <summary>SD-Turbo's schedule (scaled-linear betas, trailing spacing) and the Euler update.</summary>
public sealed class EulerSchedulerTests
{
    [Fact]
    public void OneStep_startsAtTheLastTrainingTimestep_withItsNoiseLevel()
    {
        var scheduler = new EulerScheduler(new SchedulerConfig(), steps: 1);

        Assert.Equal([999.0], scheduler.Timesteps);
        // sigma = sqrt((1 - alphaBar) / alphaBar) at t = 999 for betas 0.00085..0.012: about 14.61.
        Assert.InRange(scheduler.Sigmas[0], 14.60, 14.62);
        Assert.Equal(0.0, scheduler.Sigmas[1]);
        Assert.Equal(scheduler.Sigmas[0], scheduler.InitNoiseSigma);
    }

    [Fact]
    public void FourSteps_trailing_spreadsTimestepsEvenlyFromTheEnd()
    {
        var scheduler = new EulerScheduler(new SchedulerConfig(), steps: 4);

        Assert.Equal([999.0, 749.0, 499.0, 249.0], scheduler.Timesteps);
        Assert.True(scheduler.Sigmas.Zip(scheduler.Sigmas.Skip(1)).All(p => p.First > p.Second));
    }

    [Fact]
    public void Leading_addsTheStepsOffset_andStartsTheNoiseAboveOne()
    {
        var scheduler = new EulerScheduler(new SchedulerConfig(TimestepSpacing: "leading"), steps: 4);

        Assert.Equal([751.0, 501.0, 251.0, 1.0], scheduler.Timesteps);
        Assert.Equal(Math.Sqrt(scheduler.Sigmas[0] * scheduler.Sigmas[0] + 1), scheduler.InitNoiseSigma, 10);
    }

    [Fact]
    public void LastStep_epsilon_landsOnTheDenoisedSample()
    {
        var scheduler = new EulerScheduler(new SchedulerConfig(), steps: 1);
        var sigma = (float)scheduler.Sigmas[0];
        float[] clean = [0.5f, -1f, 2f];
        float[] epsilon = [0.1f, 0.2f, -0.3f];
        var noisy = clean.Zip(epsilon, (x, e) => x + sigma * e).ToArray();

        scheduler.Step(0, noisy, epsilon, new GaussianNoise(1));

        for (var i = 0; i < clean.Length; i++)
            Assert.Equal(clean[i], noisy[i], 4);
    }

    [Fact]
    public void Ancestral_addsSeededNoise_deterministically()
    {
        var config = new SchedulerConfig(ClassName: "EulerAncestralDiscreteScheduler");
        float[] Run(long seed)
        {
            var scheduler = new EulerScheduler(config, steps: 2);
            var sample = new float[16];
            new GaussianNoise(3).Fill(sample, (float)scheduler.InitNoiseSigma);
            scheduler.Step(0, sample, new float[16], new GaussianNoise(seed));
            return sample;
        }

        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Fact]
    public void GaussianNoise_hasUnitVariance()
    {
        var values = new float[20_000];
        new GaussianNoise(11).Fill(values);

        var mean = values.Average();
        var variance = values.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(variance, 0.95, 1.05);
    }
}
