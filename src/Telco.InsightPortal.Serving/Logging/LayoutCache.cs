using System.Text.Json;
using Telco.InsightPortal.Core.Data;
using Telco.InsightPortal.Data.Deployments;

namespace Telco.InsightPortal.Serving.Logging;

/// <summary>
/// The layout of each (deployment, model version, input columns) the writer has seen. A loaded version hands every
/// request the same column list, so the list's identity is the key and its names are serialised once, not per row.
/// Writer thread only.
/// </summary>
internal sealed class LayoutCache
{
    private readonly Dictionary<(long, string, IReadOnlyList<DatasetColumn>), PredictionLayout> _layouts = [];

    public PredictionLayout Of(ScoredRequest request)
    {
        var key = (request.DeploymentId, request.ModelVersion, request.Inputs);
        if (!_layouts.TryGetValue(key, out var layout))
        {
            if (_layouts.Count > 10_000) _layouts.Clear(); // versions come and go with redeploys; never grow without bound
            layout = new PredictionLayout(request.DeploymentId, request.ModelVersion, JsonSerializer.Serialize(request.Inputs.Select(c => c.Name)));
            _layouts[key] = layout;
        }
        return layout;
    }
}
