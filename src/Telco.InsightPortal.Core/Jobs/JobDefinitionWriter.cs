using System.Text;
using System.Text.Json;

namespace Telco.InsightPortal.Core.Jobs;

/// <summary>Writes a definition in the form <see cref="JobDefinitionParser"/> reads: the store keeps this text and the
/// API answers with it, so a definition read back and saved again is unchanged.</summary>
public static class JobDefinitionWriter
{
    public static string Write(JobDefinition job)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("name", job.Name);
            w.WriteString("kind", job.Kind);
            if (job.Description is not null) w.WriteString("description", job.Description);
            if (job.Schedule is not null) w.WriteString("schedule", job.Schedule);
            if (job.After.Count > 0)
            {
                w.WriteStartArray("after");
                foreach (var a in job.After) w.WriteStringValue(a);
                w.WriteEndArray();
            }
            if (job.IsPipeline)
            {
                w.WriteStartArray("steps");
                foreach (var step in job.Steps) Step(w, step);
                w.WriteEndArray();
            }
            else
            {
                w.WritePropertyName("parameters");
                Parameters(w, job.Steps[0].Parameters);
            }
            w.WriteStartObject("retry");
            w.WriteNumber("maxAttempts", job.Retry.MaxAttempts);
            w.WriteNumber("backoffSeconds", (int)job.Retry.Backoff.TotalSeconds);
            w.WriteEndObject();
            w.WriteNumber("timeoutMinutes", (int)job.Timeout.TotalMinutes);
            w.WriteBoolean("enabled", job.Enabled);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Step(Utf8JsonWriter w, JobStep step)
    {
        w.WriteStartObject();
        w.WriteString("name", step.Name);
        w.WriteString("kind", step.Kind);
        w.WritePropertyName("parameters");
        Parameters(w, step.Parameters);
        if (step.When is { } when)
        {
            w.WriteStartObject("when");
            w.WriteString("output", when.Output.ToString());
            w.WriteString("op", when.Op);
            w.WritePropertyName("value");
            Value(w, when.Value);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    public static void Parameters(Utf8JsonWriter w, IReadOnlyDictionary<string, object> parameters)
    {
        w.WriteStartObject();
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WritePropertyName(name);
            Value(w, value);
        }
        w.WriteEndObject();
    }

    public static void Value(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case OutputRef r: w.WriteStringValue(r.ToString()); break;
            case string s: w.WriteStringValue(s); break;
            case long l: w.WriteNumberValue(l); break;
            case int i: w.WriteNumberValue(i); break;
            case double d: w.WriteNumberValue(d); break;
            case bool b: w.WriteBooleanValue(b); break;
            default: throw new ArgumentException($"A job value cannot be a {value.GetType().Name}.", nameof(value));
        }
    }
}
