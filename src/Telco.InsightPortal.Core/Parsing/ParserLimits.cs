using System.Globalization;

namespace Telco.InsightPortal.Core.Parsing;

/// <summary>
/// How much user text one parser takes: its length, how deep its brackets may nest and how many items (comparisons,
/// listed values, clauses) it may hold. Every parser of user text checks these, the length before it starts and the
/// rest through a <see cref="ParseBudget"/> while it parses: a recursive parser without them lets one request
/// overflow the stack, which kills the process (no handler can catch a stack overflow). Parsers still to come
/// (chart specs, cron expressions, lineage queries) add an instance here.
/// </summary>
/// <param name="Subject">what the text is, as refusals name it: "filter", "order_by clause".</param>
/// <param name="Items">what <paramref name="MaxItems"/> counts, as refusals name it.</param>
public sealed record ParserLimits(string Subject, int MaxLength, int MaxDepth, int MaxItems, string Items)
{
    /// <summary>MLflow search filters of runs, registered models and model versions. 16 KiB holds a list of some 450
    /// run ids, far more than anyone types; 32 levels of parentheses are more than any readable filter; 500 comparisons
    /// and listed values keep the SQL under SQLite's expression depth (1,000) and its parameters in the low thousands.</summary>
    public static readonly ParserLimits Filter = new("filter", 16_384, 32, 500, "comparisons and listed values");

    /// <summary>One <c>order_by</c> clause: a key of up to 250 characters with its prefix and direction; at most 16
    /// clauses in one search.</summary>
    public static readonly ParserLimits OrderBy = new("order_by clause", 512, 0, 16, "order_by clauses");

    /// <summary>One audit filter value (actor, action, target, outcome): compared as a whole, never parsed, but still
    /// user text on its way to a SQL parameter. Names and ids in the trail are far shorter.</summary>
    public static readonly ParserLimits AuditFilter = new("audit filter", 1_000, 0, 1, "values");

    /// <summary>A page token the portal made is under 40 characters.</summary>
    public static readonly ParserLimits PageToken = new("page token", 256, 0, 1, "tokens");

    /// <summary>Refuses text longer than <see cref="MaxLength"/>, before any parsing, and text that no store can hold
    /// (PostgreSQL refuses a NUL in a text parameter; an unpaired surrogate is not Unicode), so what passes can travel
    /// to the store as a parameter.</summary>
    public void Check(string text)
    {
        if (text.Length > MaxLength)
            throw new ParseException($"Invalid {Subject}: it is {Count(text.Length)} characters long; the limit is {Count(MaxLength)}.");
        if (text.IndexOf('\0') is var nul and >= 0) throw ParseException.At(this, text, nul, "NUL characters are not allowed");
        if (ParseException.IndexOfUnpairedSurrogate(text) is var lone and >= 0) throw ParseException.At(this, text, lone, "an unpaired surrogate is not text");
    }

    /// <summary>Refuses more than <see cref="MaxItems"/> items given at once (the clauses of an order_by list).</summary>
    public void CheckCount(int count)
    {
        if (count > MaxItems) throw new ParseException($"Invalid {Subject}: {Count(count)} {Items}; the limit is {Count(MaxItems)}.");
    }

    internal static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
