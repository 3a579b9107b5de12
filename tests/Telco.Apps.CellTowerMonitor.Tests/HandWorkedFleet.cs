using Telco.InsightPortal.Apps;

namespace Telco.Apps.CellTowerMonitor.Tests;

/// <summary>
/// Seven events small enough to work by hand (probabilities are exact in binary, so means are exact too):
/// <code>
/// row tower manufacturer  event          lon    lat   p      failed signals
///  1  0xa   TelecomWorld  power off     -83.0  51.0  0.25   0      50 60 40 70, 0.55
///  2  0xb   NewComm       power off     -82.5  52.0  0.375  –      (defaults 50 60 40 70, 0.5)
///  3  0xb   NewComm       system reboot -82.5  52.0  0.125  0      (defaults)
///  4  0xa   TelecomWorld  device error  -83.2  51.2  0.5    1      30 40 20 50, 0.35
///  5  0xc   NewComm       device error   –      –    0.5    0      (defaults)
///  6  0xa   TelecomWorld  power off     -83.1  51.1  0.75   1      40 50 30 60, 0.45
///  7  –     GoodConnect   power off     -83.0  51.0  0.9    1      (no tower: left out)
/// </code>
/// Towers: 0xa mean 0.5, max 0.75, latest (row 6) 0.75, failed 2 of 3, at (−83.1, 51.1), signals 40 50 30 60, score 0.45;
/// 0xc mean 0.5 (tied with 0xa, ranked after it by id), no position; 0xb mean 0.25, max 0.375, latest (row 3) 0.125,
/// failed 0 of 1 labelled. With the default threshold 0.5: 0xa and 0xc are High, 0xb (at 0.25, half the threshold) Watch.
/// By manufacturer: TelecomWorld 3 events, mean 0.5, 2/3 failed; NewComm 3, mean 1/3, 0/2 failed.
/// By event type: device error 2, mean 0.5, 1/2; power off 3, mean 1.375/3, 1/2; system reboot 1, mean 0.125, 0/1.
/// </summary>
internal static class HandWorkedFleet
{
    public static IReadOnlyList<AppScoredRow> Rows() => new EventRows()
        .Add(1, "0xa", "TelecomWorld", "power off", -83.0, 51.0, 0.25, 0, [50, 60, 40, 70], 0.55)
        .Add(2, "0xb", "NewComm", "power off", -82.5, 52.0, 0.375, null)
        .Add(3, "0xb", "NewComm", "system reboot", -82.5, 52.0, 0.125, 0)
        .Add(4, "0xa", "TelecomWorld", "device error", -83.2, 51.2, 0.5, 1, [30, 40, 20, 50], 0.35)
        .Add(5, "0xc", "NewComm", "device error", null, null, 0.5, 0)
        .Add(6, "0xa", "TelecomWorld", "power off", -83.1, 51.1, 0.75, 1, [40, 50, 30, 60], 0.45)
        .Add(7, null, "GoodConnect", "power off", -83.0, 51.0, 0.9, 1)
        .Build();

    public static TowerFleet Fleet() => TowerFleet.Build(Rows());

    public static RiskBands Bands => new(AppDecision.DefaultThreshold);
}
