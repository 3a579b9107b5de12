using System.Globalization;
using System.Text;
using Telco.InsightPortal.Core.Jobs;

namespace Telco.InsightPortal.Web.Jobs;

/// <summary>
/// One step's log while it runs: time-stamped lines, kept to <see cref="JobLimits.MaxLogChars"/> (the oldest lines give
/// way, and the log says so), written to the store by the runner's pulse when it changed, so the run page shows it live.
/// </summary>
public sealed class StepLog(TimeProvider clock)
{
    private const string Dropped = "… earlier lines dropped …\n";
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private bool _dirty;

    public void Append(string line)
    {
        var stamped = clock.GetUtcNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "  " + line.ReplaceLineEndings(" ") + "\n";
        lock (_gate)
        {
            _text.Append(stamped);
            if (_text.Length > JobLimits.MaxLogChars)
            {
                var cut = _text.Length - JobLimits.MaxLogChars + Dropped.Length;
                var text = _text.ToString(cut, _text.Length - cut);
                _text.Clear().Append(Dropped).Append(text.AsSpan(text.IndexOf('\n') + 1));
            }
            _dirty = true;
        }
    }

    public string Text
    {
        get
        {
            lock (_gate) return _text.ToString();
        }
    }

    /// <summary>The text when it changed since the last call, else null.</summary>
    public string? TakeChange()
    {
        lock (_gate)
        {
            if (!_dirty) return null;
            _dirty = false;
            return _text.ToString();
        }
    }
}
