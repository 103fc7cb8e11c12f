using System.Text.Json;

namespace FeedEngine.Inference.ImageGeneration;

/// <summary>
/// The fields of a diffusers <c>scheduler/scheduler_config.json</c> that a few-step Euler sampler needs. The defaults
/// are SD-Turbo's: <c>EulerDiscreteScheduler</c>, scaled-linear betas 0.00085 to 0.012 over 1000 steps, epsilon
/// prediction, trailing timestep spacing.
/// </summary>
internal sealed record SchedulerConfig(
    string ClassName = "EulerDiscreteScheduler",
    int TrainTimesteps = 1000,
    double BetaStart = 0.00085,
    double BetaEnd = 0.012,
    string BetaSchedule = "scaled_linear",
    string PredictionType = "epsilon",
    string TimestepSpacing = "trailing",
    int StepsOffset = 1)
{
    public bool Ancestral => ClassName.Contains("Ancestral", StringComparison.Ordinal);

    /// <summary>Reads the file; a missing file gives the defaults, a malformed one an <see cref="ModelLoadException"/>.</summary>
    public static SchedulerConfig Read(string path)
    {
        if (!File.Exists(path))
            return new SchedulerConfig();
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var defaults = new SchedulerConfig();
            var config = new SchedulerConfig(
                String(root, "_class_name") ?? defaults.ClassName,
                root.TryGetProperty("num_train_timesteps", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : defaults.TrainTimesteps,
                root.TryGetProperty("beta_start", out var bs) && bs.ValueKind == JsonValueKind.Number ? bs.GetDouble() : defaults.BetaStart,
                root.TryGetProperty("beta_end", out var be) && be.ValueKind == JsonValueKind.Number ? be.GetDouble() : defaults.BetaEnd,
                String(root, "beta_schedule") ?? defaults.BetaSchedule,
                String(root, "prediction_type") ?? defaults.PredictionType,
                String(root, "timestep_spacing") ?? defaults.TimestepSpacing,
                root.TryGetProperty("steps_offset", out var so) && so.ValueKind == JsonValueKind.Number ? so.GetInt32() : defaults.StepsOffset);
            config.Validate(path);
            return config;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new ModelLoadException($"{path} is not a readable scheduler configuration: {e.Message}", path, e);
        }
    }

    void Validate(string path)
    {
        string? problem =
            !ClassName.StartsWith("Euler", StringComparison.Ordinal) ? $"the {ClassName} is not supported; FeedEngine samples with Euler or Euler ancestral (set _class_name to EulerDiscreteScheduler)"
            : TrainTimesteps is < 2 or > 100_000 ? "num_train_timesteps must be between 2 and 100000"
            : BetaSchedule is not ("scaled_linear" or "linear") ? $"beta_schedule {BetaSchedule} is not supported (scaled_linear or linear)"
            : PredictionType is not ("epsilon" or "v_prediction" or "sample") ? $"prediction_type {PredictionType} is not supported (epsilon, v_prediction or sample)"
            : TimestepSpacing is not ("trailing" or "leading" or "linspace") ? $"timestep_spacing {TimestepSpacing} is not supported (trailing, leading or linspace)"
            : !(BetaStart > 0 && BetaEnd > BetaStart && BetaEnd < 1) ? "beta_start and beta_end must satisfy 0 < beta_start < beta_end < 1"
            : null;
        if (problem is not null)
            throw new ModelLoadException($"{path}: {problem}.", path);
    }

    static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// Euler sampling over a few steps (SD-Turbo draws in one): the timesteps and noise levels (sigmas) of the schedule,
/// how much to scale the latents before the UNet, and one update from the UNet's prediction. With
/// <see cref="SchedulerConfig.Ancestral"/>, each step adds fresh noise from the picture's seed.
/// </summary>
internal sealed class EulerScheduler
{
    readonly SchedulerConfig config;
    readonly double[] sigmas;

    public EulerScheduler(SchedulerConfig config, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(steps, config.TrainTimesteps);
        this.config = config;
        var trained = TrainedSigmas(config);
        Timesteps = Spacing(config, steps);
        sigmas = [.. Timesteps.Select(t => Interpolate(trained, t)), 0.0];
        var max = sigmas.Max();
        InitNoiseSigma = config.TimestepSpacing is "trailing" or "linspace" ? max : Math.Sqrt(max * max + 1);
    }

    /// <summary>The UNet's timestep at each step, largest first.</summary>
    public IReadOnlyList<double> Timesteps { get; }

    /// <summary>The noise level before each step, then 0 after the last.</summary>
    public IReadOnlyList<double> Sigmas => sigmas;

    /// <summary>The starting latents are standard normal noise times this.</summary>
    public double InitNoiseSigma { get; }

    /// <summary>The factor the latents are multiplied by before the UNet sees them at step <paramref name="step"/>.</summary>
    public float InputScale(int step) => (float)(1.0 / Math.Sqrt(sigmas[step] * sigmas[step] + 1));

    /// <summary>Moves <paramref name="sample"/> from step <paramref name="step"/>'s noise level to the next, in place.</summary>
    public void Step(int step, Span<float> sample, ReadOnlySpan<float> modelOutput, GaussianNoise noise)
    {
        if (modelOutput.Length != sample.Length)
            throw new ModelLoadException($"The UNet answered {modelOutput.Length} values for {sample.Length} latents.");
        var sigma = sigmas[step];
        var next = sigmas[step + 1];
        double target = next, up = 0;
        if (config.Ancestral && next > 0)
        {
            up = Math.Sqrt(next * next * (sigma * sigma - next * next) / (sigma * sigma));
            target = Math.Sqrt(next * next - up * up);
        }
        var dt = target - sigma;
        var vScale = 1.0 / (sigma * sigma + 1);
        for (var i = 0; i < sample.Length; i++)
        {
            double x = sample[i], output = modelOutput[i];
            var denoised = config.PredictionType switch
            {
                "v_prediction" => output * (-sigma * Math.Sqrt(vScale)) + x * vScale,
                "sample" => output,
                _ => x - sigma * output,
            };
            var derivative = (x - denoised) / sigma;
            sample[i] = (float)(x + derivative * dt);
        }
        if (up > 0)
        {
            for (var i = 0; i < sample.Length; i++)
                sample[i] += noise.Next() * (float)up;
        }
    }

    static double[] TrainedSigmas(SchedulerConfig config)
    {
        var n = config.TrainTimesteps;
        var sigmas = new double[n];
        var cumulative = 1.0;
        for (var i = 0; i < n; i++)
        {
            var fraction = n == 1 ? 0 : (double)i / (n - 1);
            var beta = config.BetaSchedule == "scaled_linear"
                ? Math.Pow(Math.Sqrt(config.BetaStart) + fraction * (Math.Sqrt(config.BetaEnd) - Math.Sqrt(config.BetaStart)), 2)
                : config.BetaStart + fraction * (config.BetaEnd - config.BetaStart);
            cumulative *= 1 - beta;
            sigmas[i] = Math.Sqrt((1 - cumulative) / cumulative);
        }
        return sigmas;
    }

    static double[] Spacing(SchedulerConfig config, int steps)
    {
        var n = config.TrainTimesteps;
        switch (config.TimestepSpacing)
        {
            case "trailing":
                var ratio = (double)n / steps;
                return [.. Enumerable.Range(0, steps).Select(i => Math.Round(n - i * ratio) - 1)];
            case "leading":
                var stride = n / steps;
                return [.. Enumerable.Range(0, steps).Select(i => (double)Math.Min(n - 1, (steps - 1 - i) * stride + config.StepsOffset))];
            default:
                return [.. Enumerable.Range(0, steps).Select(i => steps == 1 ? n - 1.0 : (n - 1.0) * (steps - 1 - i) / (steps - 1))];
        }
    }

    static double Interpolate(double[] values, double at)
    {
        var low = (int)Math.Floor(at);
        var high = Math.Min(low + 1, values.Length - 1);
        var weight = at - low;
        return values[low] * (1 - weight) + values[high] * weight;
    }
}
