namespace Telco.Apps.RoiThreshold.Tests;

/// <summary>
/// Eight predictions small enough to work by hand (4 churners, 4 stayers):
/// <code>
/// score  0.9 0.8 0.7 0.6 0.4 0.3 0.2 0.1
/// label   1   1   0   1   0   0   1   0
/// </code>
/// </summary>
internal static class HandWorkedExample
{
    public static readonly (double Score, bool Label)[] Rows =
    [
        (0.9, true), (0.8, true), (0.7, false), (0.6, true), (0.4, false), (0.3, false), (0.2, true), (0.1, false),
    ];

    public static RoiCurve Curve() => new(Rows);
}
