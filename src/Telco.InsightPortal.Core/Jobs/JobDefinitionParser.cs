using System.Text.Json;
using System.Text.RegularExpressions;
using Telco.InsightPortal.Core.Parsing;

namespace Telco.InsightPortal.Core.Jobs;

/// <summary>
/// Reads a job definition (API body or stored text) and checks everything that can be checked without the store: the
/// name, the kind, every step's parameters against the <see cref="JobKindCatalog"/> (type, range, vocabulary,
/// required), references to earlier steps' outputs, conditions, the cron schedule, retries and the timeout. The
/// whole text is bounded in size and nesting before it is read (<see cref="JobLimits"/>). Dependencies on other jobs
/// and cycles need the store: <see cref="JobGraph"/>.
/// </summary>
public static partial class JobDefinitionParser
{
    internal static readonly CheckedJson Json = new((path, problem) => new JobDefinitionException(path, problem));

    private static readonly string[] Properties =
        ["name", "kind", "description", "schedule", "after", "parameters", "steps", "retry", "timeoutMinutes", "enabled"];

    public static JobDefinition Parse(string text)
    {
        using var document = Json.Open(text, JobLimits.MaxChars, JobLimits.MaxDepth, "a job");
        return Json.Unicode(() => Definition(document.RootElement));
    }

    /// <summary>A manual run's overrides (<c>{"parameters":{…}}</c>; for a pipeline keyed by step name), applied to
    /// <paramref name="job"/> and checked like the definition itself.</summary>
    public static JobDefinition WithOverrides(JobDefinition job, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return job;
        using var document = Json.Open(text, JobLimits.MaxChars, JobLimits.MaxDepth, "a run request");
        return Json.Unicode(() =>
        {
            var p = Json.Properties(document.RootElement, "$", ["parameters"]);
            if (!p.TryGetValue("parameters", out var overrides) || overrides.ValueKind == JsonValueKind.Null) return job;
            var steps = job.IsPipeline
                ? StepOverrides(job, overrides)
                : [Override(job.Steps[0], overrides, "parameters", job.Steps)];
            return job with { Steps = steps };
        });
    }

    private static List<JobStep> StepOverrides(JobDefinition job, JsonElement overrides)
    {
        var byStep = Json.Properties(overrides, "parameters", job.Steps.Select(s => s.Name).ToList());
        return job.Steps.Select(s => byStep.TryGetValue(s.Name, out var o) ? Override(s, o, "parameters." + s.Name, job.Steps) : s).ToList();
    }

    private static JobStep Override(JobStep step, JsonElement overrides, string path, IReadOnlyList<JobStep> steps)
    {
        var spec = JobKindCatalog.Find(step.Kind)!;
        var given = Json.Properties(overrides, path, spec.Parameters.Select(p => p.Name).ToList());
        var earlier = steps.TakeWhile(s => s.Name != step.Name).ToList();
        var merged = new Dictionary<string, object>(step.Parameters, StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            if (value.ValueKind == JsonValueKind.Null) merged.Remove(name);
            else merged[name] = Value(spec.Parameter(name)!, value, path + "." + name, earlier);
        }
        Required(spec, merged, path);
        return step with { Parameters = merged };
    }

    private static JobDefinition Definition(JsonElement root)
    {
        var p = Json.Properties(root, "$", Properties);
        var name = Json.String(Json.Require(p, "name", "$"), "name", JobLimits.MaxName);
        if (!Name().IsMatch(name)) throw new JobDefinitionException("name", "use 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit.");
        var kind = Json.String(Json.Require(p, "kind", "$"), "kind", JobLimits.MaxName);
        if (!JobKindCatalog.Names.Contains(kind))
            throw new JobDefinitionException("kind", $"unknown kind '{ParseException.Excerpt(kind, 0)}'; use one of {string.Join(", ", JobKindCatalog.Names)}.");
        var description = Json.OptionalString(p, "description", "$", JobLimits.MaxDescription);
        var schedule = Json.OptionalString(p, "schedule", "$", JobLimits.MaxSchedule) is { Length: > 0 } s ? CronSchedule.Normalize(s) : null;
        var after = After(p);
        if (after.Contains(name)) throw new JobDefinitionException("after", "a job cannot run after itself.");
        var steps = kind == JobKindCatalog.Pipeline ? Pipeline(p) : Single(p, kind);
        var retry = Retry(p);
        var timeout = TimeSpan.FromMinutes(Json.Int(p, "timeoutMinutes", "$", 1, JobLimits.MaxTimeoutMinutes, 60));
        return new JobDefinition(name, kind, description, schedule, after, steps, retry, timeout, Json.Bool(p, "enabled", "$", true));
    }

    private static List<string> After(Dictionary<string, JsonElement> p)
    {
        var after = Json.Items(p, "after", "$", JobLimits.MaxDependencies).Select((e, i) => Json.String(e, $"after[{i}]", JobLimits.MaxName)).ToList();
        for (var i = 0; i < after.Count; i++)
            if (!Name().IsMatch(after[i])) throw new JobDefinitionException($"after[{i}]", "not a job name.");
        return after.Distinct(StringComparer.Ordinal).ToList();
    }

    private static List<JobStep> Single(Dictionary<string, JsonElement> p, string kind)
    {
        if (p.ContainsKey("steps")) throw new JobDefinitionException("steps", $"only a pipeline has steps; a '{kind}' job has parameters.");
        var spec = JobKindCatalog.Find(kind)!;
        var parameters = p.TryGetValue("parameters", out var e) && e.ValueKind != JsonValueKind.Null
            ? Parameters(spec, e, "parameters", []) : new Dictionary<string, object>();
        Required(spec, parameters, "parameters");
        return [new JobStep(kind, kind, parameters, null)];
    }

    private static List<JobStep> Pipeline(Dictionary<string, JsonElement> p)
    {
        if (p.ContainsKey("parameters")) throw new JobDefinitionException("parameters", "a pipeline's parameters belong to its steps.");
        var items = Json.Items(p, "steps", "$", JobLimits.MaxSteps);
        if (items.Count == 0) throw new JobDefinitionException("steps", "a pipeline needs at least one step.");
        var steps = new List<JobStep>();
        for (var i = 0; i < items.Count; i++) steps.Add(Step(items[i], $"steps[{i}]", steps));
        return steps;
    }

    private static JobStep Step(JsonElement e, string path, List<JobStep> earlier)
    {
        var p = Json.Properties(e, path, ["name", "kind", "parameters", "when"]);
        var kind = Json.String(Json.Require(p, "kind", path), path + ".kind", JobLimits.MaxName);
        var spec = JobKindCatalog.Find(kind)
                   ?? throw new JobDefinitionException(path + ".kind", $"unknown step kind '{ParseException.Excerpt(kind, 0)}'; use one of {string.Join(", ", JobKindCatalog.All.Select(k => k.Name))}.");
        var name = Json.OptionalString(p, "name", path, JobLimits.MaxName) ?? kind;
        if (!Name().IsMatch(name)) throw new JobDefinitionException(path + ".name", "use lower-case letters, digits and hyphens.");
        if (earlier.Any(s => s.Name == name)) throw new JobDefinitionException(path + ".name", $"two steps are named '{name}'; name them apart.");
        var parameters = p.TryGetValue("parameters", out var pe) && pe.ValueKind != JsonValueKind.Null
            ? Parameters(spec, pe, path + ".parameters", earlier) : new Dictionary<string, object>();
        Required(spec, parameters, path + ".parameters");
        var when = p.TryGetValue("when", out var w) && w.ValueKind != JsonValueKind.Null ? Condition(w, path + ".when", earlier) : null;
        return new JobStep(name, kind, parameters, when);
    }

    private static Dictionary<string, object> Parameters(JobKindSpec spec, JsonElement e, string path, IReadOnlyList<JobStep> earlier)
    {
        var given = Json.Properties(e, path, spec.Parameters.Select(p => p.Name).ToList());
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in given)
            if (value.ValueKind != JsonValueKind.Null) values[name] = Value(spec.Parameter(name)!, value, path + "." + name, earlier);
        return values;
    }

    private static void Required(JobKindSpec spec, IReadOnlyDictionary<string, object> values, string path)
    {
        foreach (var parameter in spec.Parameters.Where(p => p.Required && !values.ContainsKey(p.Name)))
            throw new JobDefinitionException(path + "." + parameter.Name, $"a value is required ({parameter.Description})");
    }

    private static object Value(JobParameter parameter, JsonElement e, string path, IReadOnlyList<JobStep> earlier)
    {
        if (e.ValueKind == JsonValueKind.String && e.GetString() is ['$', ..] reference)
            return Reference(reference, parameter.Type, path, earlier);
        switch (parameter.Type)
        {
            case JobValueType.Text:
                var text = Json.String(e, path, parameter.MaxLength).Trim();
                if (text.Length == 0) throw new JobDefinitionException(path, "an empty value; leave the parameter out instead.");
                if (parameter.Choices is { } choices && !choices.Contains(text))
                    throw new JobDefinitionException(path, $"'{ParseException.Excerpt(text, 0)}' is not one of {string.Join(", ", choices)}.");
                return text;
            case JobValueType.Integer:
                return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var l) && l >= parameter.Min && l <= parameter.Max
                    ? l : throw new JobDefinitionException(path, $"a whole number from {Bound(parameter.Min)} to {Bound(parameter.Max)} is expected.");
            case JobValueType.Number:
                return e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var d) && double.IsFinite(d) && d >= parameter.Min && d <= parameter.Max
                    ? d : throw new JobDefinitionException(path, $"a number from {Bound(parameter.Min)} to {Bound(parameter.Max)} is expected.");
            default:
                return e.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new JobDefinitionException(path, "true or false is expected."),
                };
        }
    }

    private static OutputRef Reference(string text, JobValueType type, string path, IReadOnlyList<JobStep> earlier)
    {
        var match = ReferenceForm().Match(text);
        if (!match.Success) throw new JobDefinitionException(path, "a reference looks like $step.output.");
        var (stepName, outputName) = (match.Groups[1].Value, match.Groups[2].Value);
        var step = earlier.FirstOrDefault(s => s.Name == stepName)
                   ?? throw new JobDefinitionException(path, $"'{text}' names no earlier step{(earlier.Count == 0 ? " (references work between a pipeline's steps)" : "")}.");
        var output = JobKindCatalog.Find(step.Kind)!.Output(outputName)
                     ?? throw new JobDefinitionException(path, $"step '{stepName}' ({step.Kind}) has no output '{outputName}'.");
        var fits = output.Type == type || (type == JobValueType.Number && output.Type == JobValueType.Integer);
        return fits ? new OutputRef(stepName, outputName) : throw new JobDefinitionException(path, $"'{text}' is {Word(output.Type)}, not {Word(type)}.");
    }

    private static StepCondition Condition(JsonElement e, string path, IReadOnlyList<JobStep> earlier)
    {
        var p = Json.Properties(e, path, ["output", "op", "value"]);
        var reference = Json.String(Json.Require(p, "output", path), path + ".output", JobLimits.MaxText);
        var match = ReferenceForm().Match(reference);
        if (!match.Success) throw new JobDefinitionException(path + ".output", "a reference looks like $step.output.");
        var step = earlier.FirstOrDefault(s => s.Name == match.Groups[1].Value)
                   ?? throw new JobDefinitionException(path + ".output", $"'{reference}' names no earlier step.");
        var output = JobKindCatalog.Find(step.Kind)!.Output(match.Groups[2].Value)
                     ?? throw new JobDefinitionException(path + ".output", $"step '{step.Name}' ({step.Kind}) has no output '{match.Groups[2].Value}'.");
        var op = Json.String(Json.Require(p, "op", path), path + ".op", 2);
        if (!StepCondition.Ops.Contains(op)) throw new JobDefinitionException(path + ".op", $"use one of {string.Join(" ", StepCondition.Ops)}.");
        var raw = Json.Require(p, "value", path);
        object value = (output.Type, raw.ValueKind) switch
        {
            (JobValueType.Boolean, JsonValueKind.True) => true,
            (JobValueType.Boolean, JsonValueKind.False) => false,
            (JobValueType.Integer or JobValueType.Number, JsonValueKind.Number) when raw.TryGetDouble(out var d) && double.IsFinite(d) => d,
            (JobValueType.Text, JsonValueKind.String) => Json.String(raw, path + ".value", JobLimits.MaxText),
            _ => throw new JobDefinitionException(path + ".value", $"'{reference}' is {Word(output.Type)}; compare it with {Word(output.Type)}."),
        };
        if (output.Type is JobValueType.Boolean or JobValueType.Text && op is not ("=" or "!="))
            throw new JobDefinitionException(path + ".op", $"{Word(output.Type)} compares only with = and !=.");
        return new StepCondition(new OutputRef(step.Name, output.Name), op, value);
    }

    private static RetryPolicy Retry(Dictionary<string, JsonElement> p)
    {
        if (!p.TryGetValue("retry", out var e) || e.ValueKind == JsonValueKind.Null) return RetryPolicy.None;
        var r = Json.Properties(e, "retry", ["maxAttempts", "backoffSeconds"]);
        return new RetryPolicy(Json.Int(r, "maxAttempts", "retry", 1, JobLimits.MaxAttempts, 1),
            TimeSpan.FromSeconds(Json.Int(r, "backoffSeconds", "retry", 1, JobLimits.MaxBackoffSeconds, 30)));
    }

    private static string Bound(double? v) => v is >= long.MaxValue ? "any" : v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any";

    private static string Word(JobValueType t) => t switch
    {
        JobValueType.Text => "text",
        JobValueType.Integer => "a whole number",
        JobValueType.Number => "a number",
        _ => "true or false",
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex Name();

    [GeneratedRegex(@"^\$([a-z0-9][a-z0-9-]{0,62})\.([A-Za-z][A-Za-z0-9]{0,62})$")]
    private static partial Regex ReferenceForm();
}
