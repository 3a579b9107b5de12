namespace Telco.InsightPortal.Core.Parsing;

/// <summary>What one search lets its filter name: the key prefixes it knows (<c>metrics</c>, <c>tags</c>, …, in any
/// case), whether a key may stand without one (the registry's <c>name</c>), and how a refusal says what a key looks
/// like. Which keys, operators and values are allowed is the search's own check of each comparison.</summary>
public sealed class FilterGrammar(IEnumerable<string> prefixes, bool bareKeys, string keyHint)
{
    public IReadOnlySet<string> Prefixes { get; } = new HashSet<string>(prefixes, StringComparer.OrdinalIgnoreCase);

    public bool BareKeys => bareKeys;

    public string KeyHint => keyHint;
}
