using System.Net;
using RegisFlow.Web.Features.Https;

namespace RegisFlow.Tests.Https;

public class ReachableAddressesTests
{
    [Fact]
    public void Every_interface_is_told_as_localhost_and_the_machine_s_IPv4_addresses_tablets_can_type()
    {
        var urls = ReachableAddresses.Expand(["http://[::]:5000", "https://0.0.0.0:5001", "http://127.0.0.1:8080"],
            [IPAddress.Parse("192.168.1.20"), IPAddress.Parse("fd00::20")]);

        Assert.Equal(
            ["http://localhost:5000", "http://192.168.1.20:5000", "https://localhost:5001", "https://192.168.1.20:5001", "http://127.0.0.1:8080"],
            urls);
    }
}
