using System.Collections.Concurrent;

namespace RegisFlow.Web.Monitoring;

/// <summary>
/// One log line per burst of failed sign-ins, when it ends in a lockout: who, from where, until when. The attempts
/// refused while the lock lasts repeat the same lockout and are not logged again.
/// </summary>
public sealed class SignInBurstLog(TimeProvider clock, ILogger<SignInBurstLog> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _logged = new();

    public void Locked(string? userName, string? clientAddress, DateTimeOffset lockedUntil)
    {
        var key = $"{userName?.ToUpperInvariant()}|{clientAddress}";
        if (_logged.TryGetValue(key, out var until) && until == lockedUntil)
        {
            return;
        }
        _logged[key] = lockedUntil;
        foreach (var (old, end) in _logged)
        {
            if (end < clock.GetUtcNow())
            {
                _logged.TryRemove(old, out _);
            }
        }
        logger.LogWarning("Rafale d'échecs de connexion : compte {UserName} depuis {ClientAddress}, bloqué {Outcome} pour {DurationMinutes} min (jusqu'à {LockedUntil:u})",
            userName, clientAddress, "locked", Math.Round((lockedUntil - clock.GetUtcNow()).TotalMinutes), lockedUntil);
    }
}
