using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using RegisFlow.Domain.Data;
using RegisFlow.Domain.Monitoring;
using RegisFlow.Domain.Users;

namespace RegisFlow.Domain.Alerts;

public sealed record AlertView(long Id, string Kind, string Title, string Message, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, DateTimeOffset? NotifiedAt);

/// <summary>
/// Opens, refreshes and ends alerts, recorded with their start and end. A newly seen problem goes out through the
/// configured channels (webhook, e-mail), at most once per problem per <see cref="MonitoringOptions.NotifyInterval"/>,
/// even when it ends and comes back in between. A channel that fails is logged; it never fails the caller.
/// </summary>
public sealed class AlertService(
    IDbContextFactory<RegisFlowDbContext> factory,
    IEnumerable<IAlertChannel> channels,
    MonitoringOptions options,
    RegisFlowMetrics metrics,
    TimeProvider clock,
    ILogger<AlertService> logger)
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(20);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public static string KeyOf(string kind, string? subject) => subject is null ? kind : $"{kind}:{subject}";

    /// <summary>The problem is (still) there: opens its alert if none is open, and tells the channels unless told within the hour.</summary>
    public async Task RaiseAsync(string kind, string message, string? subject = null, CancellationToken ct = default)
    {
        var key = KeyOf(kind, subject);
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow();
            var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Key == key && a.EndedAt == null, ct);
            if (alert is null)
            {
                alert = new Alert { Kind = kind, Key = key, Message = Trim(message), StartedAt = now, LastSeenAt = now };
                db.Alerts.Add(alert);
                metrics.AlertRaised(kind);
                logger.LogWarning("Alerte {AlertKey} ouverte : {AlertMessage}", key, alert.Message);
            }
            else
            {
                alert.Message = Trim(message);
                alert.LastSeenAt = now;
            }
            var lastNotice = await db.Alerts.Where(a => a.Key == key && a.NotifiedAt != null).MaxAsync(a => a.NotifiedAt, ct);
            if (lastNotice is null || now - lastNotice >= options.NotifyInterval)
            {
                if (await NotifyAsync(new AlertNotice(kind, key, AlertKinds.Label(kind), alert.Message, alert.StartedAt, Environment.MachineName)))
                {
                    alert.NotifiedAt = now;
                }
            }
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another instance opened the same alert a moment ago: it also told the channels.
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The problem is gone: ends its open alert (the banner goes away, the end time is recorded).</summary>
    public async Task EndAsync(string kind, string? subject = null, CancellationToken ct = default)
    {
        var key = KeyOf(kind, subject);
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var alert = await db.Alerts.FirstOrDefaultAsync(a => a.Key == key && a.EndedAt == null, ct);
            if (alert is null)
            {
                return;
            }
            alert.EndedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Alerte {AlertKey} terminée après {DurationMinutes} min : {AlertMessage}",
                key, Math.Round((alert.EndedAt.Value - alert.StartedAt).TotalMinutes, 1), alert.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Alerts not ended yet, oldest first: the administration page's banner.</summary>
    public async Task<IReadOnlyList<AlertView>> OpenAsync(Caller caller, CancellationToken ct = default)
    {
        caller.Demand(Permission.ViewAdministration);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Alerts.Where(a => a.EndedAt == null).OrderBy(a => a.StartedAt).Select(View).ToListAsync(ct);
    }

    /// <summary>Every alert, newest first, a page at a time.</summary>
    public async Task<PagedResult<AlertView>> ListAsync(Caller caller, int page, int pageSize, CancellationToken ct = default)
    {
        caller.Demand(Permission.ViewAdministration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var total = await db.Alerts.CountAsync(ct);
        var items = await db.Alerts.OrderByDescending(a => a.StartedAt).ThenByDescending(a => a.Id)
            .Skip(page * pageSize).Take(pageSize).Select(View).ToListAsync(ct);
        return new PagedResult<AlertView>(items, total);
    }

    private static readonly System.Linq.Expressions.Expression<Func<Alert, AlertView>> View =
        a => new AlertView(a.Id, a.Kind, AlertKinds.Label(a.Kind), a.Message, a.StartedAt, a.EndedAt, a.NotifiedAt);

    /// <summary>True when at least one channel took it (or none is configured: there is no one to tell again).</summary>
    private async Task<bool> NotifyAsync(AlertNotice notice)
    {
        var enabled = channels.Where(c => c.Enabled).ToList();
        var delivered = enabled.Count == 0;
        foreach (var channel in enabled)
        {
            var watch = Stopwatch.StartNew();
            using var timeout = new CancellationTokenSource(SendTimeout);
            try
            {
                await channel.SendAsync(notice, timeout.Token);
                delivered = true;
                logger.LogInformation("Alerte {AlertKey} envoyée par {Channel} en {DurationMs} ms", notice.Key, channel.Name, watch.ElapsedMilliseconds);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogError(e, "Alerte {AlertKey} non envoyée par {Channel} après {DurationMs} ms : {Reason}",
                    notice.Key, channel.Name, watch.ElapsedMilliseconds, e.Message);
            }
        }
        return delivered;
    }

    private static string Trim(string message) => message.Length <= 2000 ? message : message[..1997] + "…";
}
