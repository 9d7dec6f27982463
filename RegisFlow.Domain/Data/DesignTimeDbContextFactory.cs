using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RegisFlow.Domain.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without a running server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<RegisFlowDbContext>
{
    public RegisFlowDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<RegisFlowDbContext>()
        .UseNpgsql("Host=localhost;Database=regisflow_design")
        .UseSnakeCaseNamingConvention()
        .Options);
}
