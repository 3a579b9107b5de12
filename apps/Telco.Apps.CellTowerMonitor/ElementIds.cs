using System.Text;

namespace Telco.Apps.CellTowerMonitor;

/// <summary>
/// Element ids from data (device ids): letters, digits and dashes stay, every other character becomes <c>_</c> and its
/// code in hex, so an id can never break out of its attribute or its CSS selector, and two device ids never share one.
/// </summary>
public static class ElementIds
{
    public static string Safe(string value)
    {
        var id = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '-') id.Append(c);
            else id.Append('_').Append(((int)c).ToString("x4"));
        }
        return id.ToString();
    }

    public static string TowerRow(string deviceId) => "tower-row-" + Safe(deviceId);

    public static string TowerOpen(string deviceId) => "tower-open-" + Safe(deviceId);
}
