using System.Globalization;
using Telco.Apps.RoiThreshold;
using Telco.InsightPortal.Bench.Roi;
using static Telco.InsightPortal.Bench.Roi.Measure;

// Usage: dotnet run -c Release --project bench/Telco.InsightPortal.Bench.Roi [-- rows=100000 [seed=1]]
// Goal (issue): moving the slider recomputes in under 50 ms for 100k test predictions — sort once, no re-scan.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
var rows = SyntheticPredictions.Generate(count, seed);
var scores = rows.Select(r => r.Score).ToArray();
var labels = rows.Select(r => r.Label).ToArray();
var costs = CostMatrix.ChurnDefault;
// Slider positions: random, so the binary search and the scan both see unpredictable branches.
var thresholds = new double[1 << 16];
var random = new Random(seed + 1);
for (var i = 0; i < thresholds.Length; i++) thresholds[i] = random.NextDouble();
long sink = 0;

Console.WriteLine($"{count:N0} held-out predictions, {labels.Count(l => l):N0} positives, {scores.Distinct().Count():N0} distinct scores; .NET {Environment.Version}, {Environment.ProcessorCount} cores");

var csv = SyntheticPredictions.Csv(rows);
var parse = MedianNs(11, 1, _ => sink += HeldOutPredictions.Parse(new StringReader(csv)).Count);
Console.WriteLine($"parse predictions.csv ({csv.Length / 1024.0 / 1024:0.0} M chars):   {Show(parse)}");

var build = MedianNs(21, 1, _ => sink += new RoiCurve(scores, labels).Count);
Console.WriteLine($"build RoiCurve (validate + sort once): {Show(build)}");

var curve = new RoiCurve(scores, labels);
var at = MedianNs(31, 10_000, i => sink += curve.At(thresholds[i & (thresholds.Length - 1)]).TruePositives);
var sweep = MedianNs(31, 200, _ => sink += curve.Sweep(costs).Count);
var best = MedianNs(31, 20, _ => sink += (long)curve.Best(costs).NetValue);
var naive = MedianNs(31, 20, i => sink += NaiveScan(rows, thresholds[i & (thresholds.Length - 1)]).TruePositives);

Console.WriteLine($"At(threshold), one slider move:      {Show(at)}");
Console.WriteLine($"Sweep(101 thresholds), the chart:    {Show(sweep)}");
Console.WriteLine($"Best (every distinct score):         {Show(best)}");
Console.WriteLine($"baseline: full scan for one threshold: {Show(naive)}");
Console.WriteLine($"full scan / At = {naive / at:N0}x; full scan × 101 / Sweep = {naive * 101 / sweep:N0}x");
Console.WriteLine($"slider move (At): {Show(at)}, goal < 50 ms; a cost-matrix edit (Sweep + Best): {Show(sweep + best)}; "
                  + $"opening the app (parse + build + Sweep + Best): {Show(parse + build + sweep + best)}");

// The two must agree, or the speed-up means nothing.
foreach (var t in thresholds.Take(200))
    if (curve.At(t) != NaiveScan(rows, t)) throw new InvalidOperationException($"At({t}) disagrees with the full scan.");
Console.WriteLine($"(checked At against the scan at 200 thresholds; sink {sink % 10})");

// The naive way the slider would work without the curve: one pass over every prediction per move.
static ConfusionCounts NaiveScan((double Score, bool Label)[] rows, double threshold)
{
    int tp = 0, fp = 0, tn = 0, fn = 0;
    foreach (var (score, label) in rows)
    {
        if (score >= threshold) { if (label) tp++; else fp++; }
        else if (label) fn++;
        else tn++;
    }
    return new ConfusionCounts(tp, fp, tn, fn);
}
