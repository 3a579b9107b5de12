using System.Globalization;

namespace Telco.InsightPortal.Data.Tracking;

public enum FilterEntity { Metric, Param, Tag, Attribute }

/// <summary>A parsed run search filter: comparisons joined by <c>and</c> and <c>or</c>.</summary>
public abstract record FilterNode;

/// <summary>One comparison; <see cref="Value"/> is a double for numeric operands, else a string, and for
/// <c>IN</c> / <c>NOT IN</c> a list of those.</summary>
public sealed record FilterClause(FilterEntity Entity, string Key, string Operator, object Value) : FilterNode;

public sealed record FilterAll(IReadOnlyList<FilterNode> Terms) : FilterNode;

public sealed record FilterAny(IReadOnlyList<FilterNode> Terms) : FilterNode;

public sealed record OrderClause(FilterEntity Entity, string Key, bool Ascending);

/// <summary>Parses MLflow's run search syntax (<c>metrics.auc &gt; 0.8 and params.model = 'rf'</c>,
/// <c>metrics.auc DESC</c>) into clauses, plus what MLflow lacks: <c>or</c> (and binds tighter), parentheses, and
/// <c>in (…)</c> / <c>not in (…)</c>. Keys and operators are checked here against what the SQL builder
/// knows, so no text of the caller's reaches SQL except as a parameter value.</summary>
public static class RunFilter
{
    public const string In = "IN";
    public const string NotIn = "NOT IN";
    public static readonly IReadOnlySet<string> NumericOperators = new HashSet<string> { "=", "!=", "<", "<=", ">", ">=", In, NotIn };
    public static readonly IReadOnlySet<string> StringOperators = new HashSet<string> { "=", "!=", In, NotIn };
    public static readonly IReadOnlySet<string> StringAttributes = new HashSet<string> { "status", "run_name", "run_id", "user_id", "lifecycle_stage" };
    public static readonly IReadOnlySet<string> NumericAttributes = new HashSet<string> { "start_time", "end_time" };

    private static readonly Dictionary<string, FilterEntity> Prefixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["metric"] = FilterEntity.Metric, ["metrics"] = FilterEntity.Metric,
        ["param"] = FilterEntity.Param, ["params"] = FilterEntity.Param, ["parameter"] = FilterEntity.Param, ["parameters"] = FilterEntity.Param,
        ["tag"] = FilterEntity.Tag, ["tags"] = FilterEntity.Tag,
        ["attribute"] = FilterEntity.Attribute, ["attributes"] = FilterEntity.Attribute, ["attr"] = FilterEntity.Attribute, ["run"] = FilterEntity.Attribute,
    };

    /// <summary>The filter as a tree, or null when there is none.</summary>
    public static FilterNode? Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return null;
        var reader = new Reader(filter);
        var node = Any(reader, filter);
        reader.SkipSpace();
        if (!reader.AtEnd) throw reader.Unexpected();
        return node;
    }

    // any := all ('or' all)* ; all := term ('and' term)* ; term := '(' any ')' | comparison
    private static FilterNode Any(Reader reader, string filter)
    {
        var terms = new List<FilterNode> { All(reader, filter) };
        while (reader.TryKeyword("or")) terms.Add(All(reader, filter));
        return terms.Count == 1 ? terms[0] : new FilterAny(terms);
    }

    private static FilterNode All(Reader reader, string filter)
    {
        var terms = new List<FilterNode> { Term(reader, filter) };
        while (reader.TryKeyword("and")) terms.Add(Term(reader, filter));
        return terms.Count == 1 ? terms[0] : new FilterAll(terms);
    }

    private static FilterNode Term(Reader reader, string filter)
    {
        if (reader.TrySymbol('('))
        {
            var inner = Any(reader, filter);
            reader.Expect(')', "a closing ')'");
            return inner;
        }
        var (entity, key) = reader.Identifier();
        var op = reader.Operator();
        object value = op is In or NotIn ? reader.ValueList() : reader.Value();
        return Check(entity, key, op, value, filter);
    }

    public static IReadOnlyList<OrderClause> ParseOrderBy(IEnumerable<string>? orderBy)
    {
        var clauses = new List<OrderClause>();
        foreach (var text in orderBy ?? [])
        {
            var reader = new Reader(text);
            var (entity, key) = reader.Identifier();
            reader.SkipSpace();
            var ascending = true;
            if (!reader.AtEnd)
            {
                var direction = reader.Word();
                ascending = direction.ToUpperInvariant() switch
                {
                    "ASC" => true,
                    "DESC" => false,
                    _ => throw Invalid($"Invalid order_by clause '{text}': the direction must be ASC or DESC, got '{direction}'."),
                };
                reader.SkipSpace();
                if (!reader.AtEnd) throw Invalid($"Invalid order_by clause '{text}': unexpected text at position {reader.Position}.");
            }
            if (entity == FilterEntity.Attribute && !StringAttributes.Contains(key) && !NumericAttributes.Contains(key))
                throw Invalid($"Invalid order_by clause '{text}': unknown attribute '{key}'.");
            clauses.Add(new OrderClause(entity, key, ascending));
        }
        return clauses;
    }

    private static FilterClause Check(FilterEntity entity, string key, string op, object value, string filter)
    {
        var numeric = entity == FilterEntity.Metric || (entity == FilterEntity.Attribute && NumericAttributes.Contains(key));
        if (entity == FilterEntity.Attribute && !numeric && !StringAttributes.Contains(key))
            throw Invalid($"Invalid filter '{filter}': unknown attribute '{key}'. Known: {string.Join(", ", StringAttributes.Concat(NumericAttributes))}.");
        var values = value is IReadOnlyList<object> list ? list : [value];
        if (numeric && values.Any(v => v is not double))
            throw Invalid($"Invalid filter '{filter}': '{key}' is compared with a number, got a string.");
        if (!numeric && values.Any(v => v is not string))
            throw Invalid($"Invalid filter '{filter}': '{key}' is compared with a quoted string, got a number.");
        var allowed = numeric ? NumericOperators : StringOperators;
        if (!allowed.Contains(op))
            throw Invalid($"Invalid filter '{filter}': operator '{op}' is not supported for '{key}'; use one of {string.Join(" ", allowed)}.");
        return new FilterClause(entity, key, op, value);
    }

    private static TrackingException Invalid(string message) => TrackingException.Invalid(message);

    private sealed class Reader(string text)
    {
        private int _at;

        public int Position => _at;

        public bool AtEnd => _at >= text.Length;

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_at])) _at++;
        }

        public (FilterEntity, string) Identifier()
        {
            SkipSpace();
            var start = _at;
            while (!AtEnd && char.IsLetter(text[_at])) _at++;
            var prefix = text[start.._at];
            if (AtEnd || text[_at] != '.' || !Prefixes.TryGetValue(prefix, out var entity))
            {
                _at = start;
                var found = AtEnd ? "the end" : $"'{Word()}'";
                _at = start;
                throw Error($"expected 'metrics.', 'params.', 'tags.' or 'attributes.' followed by a key, got {found}");
            }
            _at++;
            string key;
            if (!AtEnd && text[_at] is '"' or '`') key = Quoted();
            else
            {
                start = _at;
                while (!AtEnd && (char.IsLetterOrDigit(text[_at]) || text[_at] is '_' or '-' or '.' or '/' or ':')) _at++;
                key = text[start.._at];
            }
            if (key.Length == 0) throw Error("expected a key after the entity prefix");
            return (entity, entity == FilterEntity.Attribute ? key.ToLowerInvariant() : key);
        }

        public string Operator()
        {
            SkipSpace();
            if (TryKeyword("in")) return In;
            var before = _at;
            if (TryKeyword("not"))
            {
                if (TryKeyword("in")) return NotIn;
                _at = before;
                throw Error("expected 'in' after 'not'");
            }
            foreach (var op in (string[])["<=", ">=", "!=", "=", "<", ">"])
            {
                if (string.CompareOrdinal(text, _at, op, 0, op.Length) != 0) continue;
                _at += op.Length;
                return op;
            }
            var start = _at;
            var word = AtEnd ? "" : Word();
            _at = start;
            throw Error(word.Length > 0 ? $"operator '{word}' is not supported" : "expected a comparison operator");
        }

        public object Value()
        {
            SkipSpace();
            if (!AtEnd && text[_at] is '\'' or '"') return Quoted();
            var start = _at;
            while (!AtEnd && (char.IsDigit(text[_at]) || text[_at] is '.' or '-' or '+' or 'e' or 'E')) _at++;
            if (double.TryParse(text[start.._at], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return number;
            _at = start;
            throw Error("expected a number or a quoted string");
        }

        /// <summary>A parenthesised, comma-separated list of values: <c>('a', 'b')</c>.</summary>
        public List<object> ValueList()
        {
            Expect('(', "'(' to open the list of values");
            var values = new List<object> { Value() };
            while (TrySymbol(',')) values.Add(Value());
            Expect(')', "',' or ')' in the list of values");
            return values;
        }

        public bool TrySymbol(char symbol)
        {
            SkipSpace();
            if (AtEnd || text[_at] != symbol) return false;
            _at++;
            return true;
        }

        public void Expect(char symbol, string what)
        {
            if (!TrySymbol(symbol)) throw Error($"expected {what}");
        }

        /// <summary>Consumes <paramref name="keyword"/> when it comes next as a whole word.</summary>
        public bool TryKeyword(string keyword)
        {
            SkipSpace();
            var end = _at + keyword.Length;
            if (end > text.Length || string.Compare(text, _at, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) != 0) return false;
            if (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) return false;
            _at = end;
            return true;
        }

        public TrackingException Unexpected()
        {
            var start = _at;
            var token = Word();
            _at = start;
            return Error($"unexpected '{token}'; comparisons are joined by 'and' or 'or'");
        }

        public string Word()
        {
            var start = _at;
            while (!AtEnd && !char.IsWhiteSpace(text[_at])) _at++;
            return text[start.._at];
        }

        private string Quoted()
        {
            var quote = text[_at++];
            var start = _at;
            while (!AtEnd && text[_at] != quote) _at++;
            if (AtEnd) throw Error($"unterminated {quote} quote");
            return text[start.._at++];
        }

        private TrackingException Error(string what) =>
            TrackingException.Invalid($"Invalid filter '{text}' at position {_at}: {what}.");
    }
}
