using System.Globalization;

namespace Telco.InsightPortal.Core.Parsing;

/// <summary>
/// The one parser of MLflow's search syntax, for runs, registered models and model versions:
/// <c>key op value</c> comparisons with <c>=</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>,
/// <c>LIKE</c>, <c>ILIKE</c>, <c>IN (…)</c> and <c>NOT IN (…)</c>, joined by <c>and</c> and <c>or</c> (<c>and</c> binds
/// tighter) and grouped by parentheses; and <c>order_by</c> clauses (<c>key [ASC|DESC]</c>). Keywords are any case.
/// It recurses only into parentheses, through a <see cref="ParseBudget"/>, and checks the length first, so no text
/// can take more than <see cref="ParserLimits"/> allow.
/// </summary>
public static class FilterParser
{
    /// <summary>The filter as a tree whose leaves are what <paramref name="check"/> made of each comparison, or null
    /// when there is none.</summary>
    /// <param name="check">turns a comparison into the search's own, or throws a <see cref="ParseException"/>.</param>
    public static FilterNode? Parse(string? text, FilterGrammar grammar, Func<FilterComparison, FilterNode> check) =>
        string.IsNullOrWhiteSpace(text) ? null : new FilterReader(text, grammar, check).ReadFilter();

    public static IReadOnlyList<FilterOrder> ParseOrderBy(IReadOnlyList<string>? clauses, FilterGrammar grammar)
    {
        if (clauses is null) return [];
        ParserLimits.OrderBy.CheckCount(clauses.Count);
        return clauses.Select(clause => new FilterReader(clause ?? "", grammar, null, ParserLimits.OrderBy).ReadOrder()).ToList();
    }

    // filter := any ; any := all ('or' all)* ; all := term ('and' term)* ; term := '(' any ')' | comparison
    // comparison := key op value | key ['not'] 'in' '(' value (',' value)* ')'
    private sealed class FilterReader
    {
        private static readonly string[] SymbolOperators =
            [FilterOperators.Equal, FilterOperators.NotEqual, FilterOperators.Less, FilterOperators.LessOrEqual, FilterOperators.Greater, FilterOperators.GreaterOrEqual];

        private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase) { "and", "or", "not", "in", "like", "ilike" };

        private readonly FilterLexer _lexer;
        private readonly ParseBudget _budget;
        private readonly FilterGrammar _grammar;
        private readonly Func<FilterComparison, FilterNode> _check;

        public FilterReader(string text, FilterGrammar grammar, Func<FilterComparison, FilterNode>? check, ParserLimits? limits = null)
        {
            limits ??= ParserLimits.Filter;
            limits.Check(text);
            _lexer = new FilterLexer(limits, text);
            _budget = new ParseBudget(limits, text);
            _grammar = grammar;
            _check = check ?? (comparison => comparison);
        }

        public FilterNode ReadFilter()
        {
            var node = Any();
            var rest = _lexer.Peek();
            if (rest.Kind != FilterTokenKind.End)
                throw _lexer.Error(rest.Position, $"unexpected '{_lexer.WordAt(rest.Position)}'; comparisons are joined by 'and' or 'or'");
            return node;
        }

        public FilterOrder ReadOrder()
        {
            var key = Key();
            var direction = _lexer.Next();
            if (direction.Kind == FilterTokenKind.End) return new FilterOrder(key, Ascending: true);
            if (!direction.IsKeyword("ASC") && !direction.IsKeyword("DESC"))
                throw _lexer.Error(direction.Position, $"the direction must be ASC or DESC, got '{_lexer.WordAt(direction.Position)}'");
            var rest = _lexer.Peek();
            if (rest.Kind != FilterTokenKind.End) throw _lexer.Error(rest.Position, $"unexpected '{_lexer.WordAt(rest.Position)}' after the direction");
            return new FilterOrder(key, Ascending: direction.IsKeyword("ASC"));
        }

        private FilterNode Any() => Joined("or", All, terms => new FilterAny(terms));

        private FilterNode All() => Joined("and", Term, terms => new FilterAll(terms));

        private FilterNode Joined(string keyword, Func<FilterNode> term, Func<IReadOnlyList<FilterNode>, FilterNode> join)
        {
            var terms = new List<FilterNode> { term() };
            while (_lexer.Peek().IsKeyword(keyword))
            {
                _lexer.Next();
                terms.Add(term());
            }
            return terms.Count == 1 ? terms[0] : join(terms);
        }

        private FilterNode Term()
        {
            var open = _lexer.Peek();
            if (!open.IsSymbol("(")) return Comparison();
            _lexer.Next();
            _budget.Enter(open.Position);
            var inner = Any();
            Expect(")", "a closing ')'");
            _budget.Leave();
            return inner;
        }

        private FilterNode Comparison()
        {
            var position = _lexer.Peek().Position;
            var key = Key();
            var op = Operator();
            var value = op is FilterOperators.In or FilterOperators.NotIn ? List() : Value();
            _budget.Count(position);
            return _check(new FilterComparison(key, op, value, position));
        }

        private FilterKey Key()
        {
            var token = _lexer.Next();
            if (token.Kind == FilterTokenKind.Word)
            {
                if (token.QuotedName is { } quoted && _grammar.Prefixes.Contains(token.Text[..^1]))
                    return quoted.Length > 0 ? new FilterKey(token.Text[..^1], quoted) : throw _lexer.Error(token.Position, "expected a key after the prefix");
                var dot = token.Text.IndexOf('.');
                if (token.QuotedName is null && dot > 0 && _grammar.Prefixes.Contains(token.Text[..dot]))
                {
                    var name = token.Text[(dot + 1)..];
                    return name.Length > 0 ? new FilterKey(token.Text[..dot], name) : throw _lexer.Error(token.Position + dot + 1, "expected a key after the prefix");
                }
                if (token.QuotedName is null && _grammar.BareKeys && !Keywords.Contains(token.Text)) return new FilterKey(null, token.Text);
            }
            var found = token.Kind == FilterTokenKind.End ? "the end" : $"'{_lexer.WordAt(token.Position)}'";
            throw _lexer.Error(token.Position, $"expected {_grammar.KeyHint}, got {found}");
        }

        private string Operator()
        {
            var token = _lexer.Next();
            if (token.Kind == FilterTokenKind.Symbol && SymbolOperators.Contains(token.Text)) return token.Text;
            if (token.IsKeyword("in")) return FilterOperators.In;
            if (token.IsKeyword("like")) return FilterOperators.Like;
            if (token.IsKeyword("ilike")) return FilterOperators.ILike;
            if (token.IsKeyword("not"))
                return _lexer.Next().IsKeyword("in") ? FilterOperators.NotIn : throw _lexer.Error(token.Position, "expected 'in' after 'not'");
            throw _lexer.Error(token.Position, token.Kind == FilterTokenKind.End
                ? "expected a comparison operator"
                : $"operator '{_lexer.WordAt(token.Position)}' is not supported");
        }

        private object Value()
        {
            var token = _lexer.Next();
            if (token.Kind == FilterTokenKind.String) return token.Text;
            if (token.Kind == FilterTokenKind.Number && double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                return number;
            throw _lexer.Error(token.Position, "expected a number or a quoted string");
        }

        /// <summary>A parenthesised, comma-separated list of values: <c>('a', 'b')</c>; no nesting.</summary>
        private List<object> List()
        {
            Expect("(", "'(' to open the list of values");
            var values = new List<object>();
            do
            {
                _budget.Count(_lexer.Peek().Position);
                values.Add(Value());
            }
            while (TrySymbol(","));
            Expect(")", "',' or ')' in the list of values");
            return values;
        }

        private bool TrySymbol(string symbol)
        {
            if (!_lexer.Peek().IsSymbol(symbol)) return false;
            _lexer.Next();
            return true;
        }

        private void Expect(string symbol, string what)
        {
            var token = _lexer.Peek();
            if (!TrySymbol(symbol)) throw _lexer.Error(token.Position, $"expected {what}");
        }
    }
}
