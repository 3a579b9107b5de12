namespace Telco.InsightPortal.Core.Parsing;

/// <summary>
/// Splits a filter into tokens, one at a time and without recursion. Quoted text is one token whatever it holds
/// (<c>'rock and roll'</c>, <c>'a or (b'</c>); a quote is written inside its own kind of quotes by doubling it
/// (<c>'x'' y'</c>). Anything that starts no token becomes an <see cref="FilterTokenKind.Unknown"/> token for the parser
/// to refuse with its position.
/// </summary>
public sealed class FilterLexer(ParserLimits limits, string text)
{
    private static readonly string[] Symbols = ["<=", ">=", "!=", "=", "<", ">", "(", ")", ","];

    private int _at;
    private FilterToken? _peeked;

    public string Text => text;

    public FilterToken Peek() => _peeked ??= Read();

    public FilterToken Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    /// <summary>The text from <paramref name="position"/> to the next white space, to name what was found there.</summary>
    public string WordAt(int position)
    {
        var end = position;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && end - position < 40) end++;
        return text[position..end];
    }

    public ParseException Error(int position, string what) => ParseException.At(limits, text, position, what);

    private FilterToken Read()
    {
        while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
        if (_at >= text.Length) return new(FilterTokenKind.End, text.Length, "");
        var start = _at;
        var c = text[_at];
        if (c is '\'' or '"') return new(FilterTokenKind.String, start, Quoted());
        if (char.IsLetter(c) || c == '_') return Word(start);
        if (char.IsDigit(c) || c is '.' or '-' or '+')
        {
            while (_at < text.Length && (char.IsDigit(text[_at]) || text[_at] is '.' or '-' or '+' or 'e' or 'E')) _at++;
            return new(FilterTokenKind.Number, start, text[start.._at]);
        }
        foreach (var symbol in Symbols)
        {
            if (string.CompareOrdinal(text, _at, symbol, 0, symbol.Length) != 0) continue;
            _at += symbol.Length;
            return new(FilterTokenKind.Symbol, start, symbol);
        }
        _at++;
        return new(FilterTokenKind.Unknown, start, c.ToString());
    }

    private FilterToken Word(int start)
    {
        while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] is '_' or '-' or '.' or '/' or ':')) _at++;
        var word = text[start.._at];
        // MLflow quotes a key holding spaces or symbols after its prefix: metrics."log loss", tags.`team name`.
        if (word.EndsWith('.') && _at < text.Length && text[_at] is '"' or '`')
            return new(FilterTokenKind.Word, start, word, Quoted());
        return new(FilterTokenKind.Word, start, word);
    }

    /// <summary>Reads from an opening quote to its closing twin; two quotes in a row stand for one.</summary>
    private string Quoted()
    {
        var quote = text[_at++];
        var value = new System.Text.StringBuilder();
        while (true)
        {
            var close = text.IndexOf(quote, _at);
            if (close < 0)
            {
                _at = text.Length;
                throw Error(text.Length, $"unterminated {quote} quote");
            }
            value.Append(text, _at, close - _at);
            _at = close + 1;
            if (_at < text.Length && text[_at] == quote)
            {
                value.Append(quote);
                _at++;
                continue;
            }
            return value.ToString();
        }
    }
}
