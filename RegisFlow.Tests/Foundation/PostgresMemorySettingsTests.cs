using RegisFlow.Domain.Database;

namespace RegisFlow.Tests.Foundation;

public class PostgresMemorySettingsTests
{
    private const long Gib = 1024L * 1024 * 1024;

    [Fact]
    public void A_24_GB_machine_keeps_the_register_in_3_GB_of_shared_buffers()
    {
        var settings = PostgresMemorySettings.For(24 * Gib);

        Assert.Equal(new PostgresMemorySettings(SharedBuffersMb: 3072, EffectiveCacheSizeMb: 12288, WorkMemMb: 30, MaintenanceWorkMemMb: 768), settings);
        Assert.Equal("-c shared_buffers=3072MB -c effective_cache_size=12288MB -c work_mem=30MB -c maintenance_work_mem=768MB", settings.ServerOptions());
    }

    [Fact]
    public void A_small_container_gets_small_settings_but_never_below_the_useful_minimums()
    {
        Assert.Equal(new PostgresMemorySettings(256, 1024, 4, 64), PostgresMemorySettings.For(2 * Gib));
        Assert.Equal(new PostgresMemorySettings(128, 256, 4, 64), PostgresMemorySettings.For(256L * 1024 * 1024));
    }

    [Fact]
    public void A_large_server_is_capped_where_more_memory_no_longer_helps()
    {
        Assert.Equal(new PostgresMemorySettings(4096, 65536, 64, 1024), PostgresMemorySettings.For(128 * Gib));
    }

    [Theory]
    [InlineData("max\n", 24)]
    [InlineData("2147483648\n", 2)]
    [InlineData("9223372036854771712", 24)]
    [InlineData(null, 24)]
    public void The_memory_is_the_machine_s_unless_its_container_limits_it(string? cgroupLimit, int expectedGib)
    {
        const string meminfo = "MemTotal:       25165824 kB\nMemFree:        20000000 kB\n";

        Assert.Equal(expectedGib * Gib, MachineMemory.Limit(meminfo, cgroupLimit));
    }
}
