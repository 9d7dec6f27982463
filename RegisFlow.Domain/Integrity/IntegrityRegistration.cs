using Microsoft.Extensions.DependencyInjection;
using RegisFlow.Domain.Audit;
using RegisFlow.Domain.Inspection;

namespace RegisFlow.Domain.Integrity;

public static class IntegrityRegistration
{
    /// <summary>What an inspector relies on: the integrity check, the audit journal and the register printed for an inspection.</summary>
    public static IServiceCollection AddIntegrity(this IServiceCollection services)
    {
        services.AddSingleton<IntegrityService>();
        services.AddSingleton<AuditJournalService>();
        services.AddSingleton<InspectionRegisterService>();
        return services;
    }
}
