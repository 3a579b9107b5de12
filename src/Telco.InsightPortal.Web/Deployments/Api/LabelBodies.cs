using Telco.InsightPortal.Data.Deployments;
using Telco.InsightPortal.Serving.Deployments;

namespace Telco.InsightPortal.Web.Deployments.Api;

/// <summary>Checks a <c>POST …/labels</c> body item by item, naming the first bad item, before anything is stored.</summary>
internal static class LabelBodies
{
    private const string Shape = "[{\"uuid\",\"label\":0|1}] or [{\"id\",\"label\":0|1,\"from\",\"to\"}]";

    public static IReadOnlyList<DelayedLabel> Check(LabelBody[]? body)
    {
        if (body is null || body.Length == 0) throw DeploymentException.Invalid($"Send a non-empty array of {Shape}.");
        if (body.Length > DeploymentStore.MaxLabelsPerCall)
            throw DeploymentException.Invalid($"At most {DeploymentStore.MaxLabelsPerCall:N0} labels per call.");
        return [.. body.Select((item, i) => Check(item, i + 1))];
    }

    private static DelayedLabel Check(LabelBody? item, int n)
    {
        if (item is null) throw DeploymentException.Invalid($"Item {n} is null; send {Shape}.");
        var (uuid, id) = (item.Uuid is not null, item.Id is not null);
        if (uuid && id) throw DeploymentException.Invalid($"Item {n} has both 'uuid' and 'id'; send exactly one.");
        if (!uuid && !id) throw DeploymentException.Invalid($"Item {n} has neither 'uuid' nor 'id'; send exactly one.");
        if (item.Label is not (0 or 1)) throw DeploymentException.Invalid($"Item {n}: 'label' must be 0 or 1.");
        if (uuid)
        {
            if (string.IsNullOrWhiteSpace(item.Uuid) || item.Uuid.Length > 64)
                throw DeploymentException.Invalid($"Item {n}: 'uuid' must be a prediction's uuid.");
            if (item.From is not null || item.To is not null)
                throw DeploymentException.Invalid($"Item {n}: 'from' and 'to' go with 'id' (a uuid is one prediction already).");
            return new DelayedLabel(item.Uuid, item.Label.Value);
        }
        if (string.IsNullOrWhiteSpace(item.Id)) throw DeploymentException.Invalid($"Item {n}: 'id' is empty.");
        if (item.Id.Length > DeploymentStore.MaxEntityIdLength)
            throw DeploymentException.Invalid($"Item {n}: 'id' may be at most {DeploymentStore.MaxEntityIdLength} characters; it has {item.Id.Length:N0}.");
        if (item.From >= item.To) throw DeploymentException.Invalid($"Item {n}: 'from' must be before 'to'.");
        return DelayedLabel.ForEntity(item.Id, item.Label.Value, item.From?.ToUnixTimeMilliseconds(), item.To?.ToUnixTimeMilliseconds());
    }
}
