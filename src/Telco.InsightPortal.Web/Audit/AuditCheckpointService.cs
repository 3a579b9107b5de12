using Microsoft.Extensions.Options;
using Telco.InsightPortal.Data.Audit;

namespace Telco.InsightPortal.Web.Audit;

/// <summary>Signs the chain head every <see cref="AuditOptions.CheckpointInterval"/> and once more on
/// shutdown, so at most one interval of entries is ever without a checkpoint.</summary>
public sealed class AuditCheckpointService(AuditCheckpoints checkpoints, IOptions<AuditOptions> options, TimeProvider clock,
    ILogger<AuditCheckpointService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await WriteAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes the last checkpoint.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The host's token may already be spent when a test host or a fast shutdown stops us; the last
        // checkpoint still gets a few seconds of its own.
        using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await WriteAsync(last.Token);
        }
        catch (OperationCanceledException)
        {
            log.LogWarning("The shutdown checkpoint was not written in time; the next start verifies up to the previous one.");
        }
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        try
        {
            if (await checkpoints.WriteAsync(ct) is { } c) log.LogInformation("Signed audit checkpoint at seq {Seq}.", c.Seq);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A store that is briefly away must not stop the portal; the next tick tries again.
            log.LogError(e, "Writing the audit checkpoint failed.");
        }
    }
}
